import type { EventEnvelope } from '@rod/contracts';
import { anEvent } from '@rod/testing';
import { withoutPersonalNumbers } from './without-personal-numbers';

const envelope = (data: unknown): EventEnvelope => anEvent('ResultRegistered', data);

describe('withoutPersonalNumbers', () => {
  it.each([
    [
      'a registration',
      { person: { bsn: '123456782' }, examDate: '2026-07-03' },
      { examDate: '2026-07-03' },
    ],
    [
      'a correction (nested result)',
      {
        result: { person: { educationNumber: '101234567' }, studyMode: 'dual' },
        changed: ['person'],
      },
      { result: { studyMode: 'dual' }, changed: ['person'] },
    ],
    ['a stray bsn field', { bsn: '123456782', reason: 'duplicate' }, { reason: 'duplicate' }],
    ['an event without any', { extractId: 'x', issuedAt: 't' }, { extractId: 'x', issuedAt: 't' }],
  ])('removes every personal number from %s', (_name, data, expected) => {
    const stripped = withoutPersonalNumbers(envelope(data));
    expect(stripped.data).toEqual(expected);
    expect(JSON.stringify(stripped)).not.toMatch(/123456782|101234567/);
  });

  it('leaves the envelope itself untouched', () => {
    const { data: _data, ...rest } = withoutPersonalNumbers(
      envelope({ person: { bsn: '123456782' } }),
    );
    const { data: _original, ...expected } = envelope({});
    expect(rest).toEqual(expected);
  });
});
