import type { StatedResult } from './credential-checks';
import { invalidExtract, verificationAnswer } from './verification-answer';

const result: StatedResult & { person?: unknown } = {
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  resultSequence: '2026000123',
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-07-03',
  studyMode: 'full-time',
  registeredAt: '2026-07-04T09:12:00.000Z',
};

describe('verificationAnswer', () => {
  it.each([
    [false, false, 'valid'],
    [false, true, 'suspended'],
    [true, false, 'revoked'],
    [true, true, 'revoked'],
  ] as const)('revoked %s, suspended %s: %s', (revoked, suspended, status) => {
    const answer = verificationAnswer(result, { revoked, suspended });
    expect(answer.status).toBe(status);
    expect(answer.result).toEqual({
      resultId: '21PA-2026000123',
      institutionCode: '21PA',
      resultSequence: '2026000123',
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
      examDate: '2026-07-03',
      studyMode: 'full-time',
      registeredAt: '2026-07-04T09:12:00.000Z',
    });
    expect(answer.reason === undefined).toBe(status === 'valid');
  });

  it('never repeats the person number, even when the stated result carries one', () => {
    const answer = verificationAnswer({ ...result, person: { bsn: '123456782' } } as StatedResult, {
      revoked: false,
      suspended: false,
    });
    expect(JSON.stringify(answer)).not.toContain('123456782');
  });
});

describe('invalidExtract', () => {
  it('states the reason and no result', () => {
    expect(invalidExtract('forged')).toEqual({ status: 'invalid', reason: 'forged' });
  });
});
