import type { EventEnvelope } from '@rod/contracts';
import { withoutPersonalNumbers } from './without-personal-numbers';

const envelope = (data: unknown): EventEnvelope => ({
  eventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11',
  type: 'ResultRegistered',
  schemaVersion: 1,
  occurredAt: '2026-07-04T09:12:00.000Z',
  producer: 'register',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  sequence: 1,
  data,
});

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
