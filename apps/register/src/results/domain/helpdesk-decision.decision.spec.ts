import { validateEvent } from '@rod/contracts';
import { decideOnFraudReport } from './helpdesk-decision.decision';
import type { ResultStatus } from './result-state';
import { NOW, aMeta, aRecord } from './testing/records';

const RESULT = '21PA-2026000123';
const helpdesk = aMeta({ actingInstitution: 'helpdesk' });

describe('decideOnFraudReport', () => {
  it('confirm deletes the result for fraud, by the helpdesk, with its consequences', () => {
    const record = aRecord({
      status: 'suspended',
      sequence: 2,
      extractsIssued: 1,
      holdings: [{ partnerId: 'cibg-big', canRetract: false, deliveredAt: NOW.toISOString() }],
    });
    const decision = decideOnFraudReport(
      RESULT,
      { decision: 'confirm', explanation: 'confirmed by the exam board' },
      helpdesk,
      record,
      NOW,
    );
    if (decision.kind !== 'changed' || !decision.event) throw new Error('expected a deletion');
    expect(decision.status).toBe('deleted');
    expect(decision.event).toMatchObject({
      type: 'ResultDeleted',
      sequence: 3,
      data: {
        reason: 'fraud',
        explanation: 'confirmed by the exam board',
        deletedBy: 'helpdesk',
        acknowledgedIrreversible: true,
        consequences: {
          extractsIssued: 1,
          partnersHolding: [{ partnerId: 'cibg-big', canRetract: false }],
        },
      },
    });
    expect(decision.reply).toMatchObject({ status: 'accepted', command: 'DecideFraudReport' });
    expect(validateEvent(JSON.parse(JSON.stringify(decision.event))).ok).toBe(true);
  });

  it('dismiss reinstates the result', () => {
    const decision = decideOnFraudReport(
      RESULT,
      { decision: 'dismiss', explanation: 'no evidence' },
      helpdesk,
      aRecord({ status: 'suspended', sequence: 2 }),
      NOW,
    );
    expect(decision).toMatchObject({
      kind: 'changed',
      status: 'registered',
      event: { type: 'ResultReinstated', sequence: 3, data: { decidedAt: NOW.toISOString() } },
    });
  });

  it.each<[ResultStatus, string]>([
    ['registered', 'invalid-state'],
    ['deleted', 'already-deleted'],
  ])('refuses a decision on a %s result (%s)', (status, code) => {
    const decision = decideOnFraudReport(
      RESULT,
      { decision: 'dismiss', explanation: 'x' },
      helpdesk,
      aRecord({ status }),
      NOW,
    );
    expect(decision).toMatchObject({ kind: 'rejected', reply: { errors: [{ code }] } });
  });

  it('refuses a decision on an unknown result', () => {
    const decision = decideOnFraudReport(
      RESULT,
      { decision: 'confirm', explanation: 'x' },
      helpdesk,
      null,
      NOW,
    );
    expect(decision.reply.errors[0]?.code).toBe('unknown-result');
  });
});
