import { validateEvent } from '@rod/contracts';
import { decideFraudReport } from './report-fraud.decision';
import { NOW, aMeta, aRecord } from './testing/records';

const command = {
  institutionCode: '21PA',
  resultSequence: '2026000123',
  explanation: 'the diploma was bought',
};

describe('decideFraudReport', () => {
  it('suspends a registered result with ResultSuspended', () => {
    const decision = decideFraudReport(command, aMeta(), aRecord({ sequence: 2 }), NOW);
    if (decision.kind !== 'changed' || !decision.event) throw new Error('expected a suspension');
    expect(decision.status).toBe('suspended');
    expect(decision.event).toMatchObject({
      type: 'ResultSuspended',
      sequence: 3,
      data: { explanation: 'the diploma was bought', reportedAt: NOW.toISOString() },
    });
    expect(validateEvent(JSON.parse(JSON.stringify(decision.event))).ok).toBe(true);
  });

  it.each([
    ['suspended', 'invalid-state'],
    ['deleted', 'already-deleted'],
  ] as const)('refuses a report on a %s result (%s)', (status, code) => {
    const decision = decideFraudReport(command, aMeta(), aRecord({ status }), NOW);
    expect(decision).toMatchObject({ kind: 'rejected', reply: { errors: [{ code }] } });
  });

  it("refuses a report on another institution's result", () => {
    const decision = decideFraudReport(
      command,
      aMeta({ actingInstitution: '22XY' }),
      aRecord(),
      NOW,
    );
    expect(decision.reply.errors[0]?.code).toBe('not-allowed');
  });
});
