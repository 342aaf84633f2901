import type { DeleteResultV1 } from '@rod/contracts';
import { validateEvent } from '@rod/contracts';
import { decideDeletion } from './delete-result.decision';
import type { PartnerHolding, ResultRecord } from './result-state';
import { NOW, aMeta, aRecord } from './testing/records';

const command: DeleteResultV1 = {
  institutionCode: '21PA',
  resultSequence: '2026000123',
  reason: 'administrative-error',
};
const mijnoverheid: PartnerHolding = {
  partnerId: 'mijnoverheid',
  canRetract: true,
  deliveredAt: '2026-07-04T09:13:00.000Z',
};
const cibg: PartnerHolding = {
  partnerId: 'cibg-big',
  canRetract: false,
  deliveredAt: '2026-07-04T09:13:00.000Z',
};

describe('decideDeletion', () => {
  it.each<[string, Partial<ResultRecord>, boolean | undefined, 'changed' | 'irreversible']>([
    ['no partner and no extract', {}, undefined, 'changed'],
    ['only a partner that can retract', { holdings: [mijnoverheid] }, undefined, 'changed'],
    [
      'a partner that cannot retract, unacknowledged',
      { holdings: [cibg] },
      undefined,
      'irreversible',
    ],
    [
      'a partner that cannot retract, acknowledgement false',
      { holdings: [cibg] },
      false,
      'irreversible',
    ],
    ['a partner that cannot retract, acknowledged', { holdings: [cibg] }, true, 'changed'],
    ['an extract issued, unacknowledged', { extractsIssued: 1 }, undefined, 'irreversible'],
    ['an extract issued, acknowledged', { extractsIssued: 2 }, true, 'changed'],
    [
      'a non-retracting partner that retracted after all',
      { holdings: [{ ...cibg, retractedAt: '2026-08-01T00:00:00.000Z' }] },
      undefined,
      'changed',
    ],
  ])('with %s', (_name, recordChange, acknowledgeIrreversible, expected) => {
    const decision = decideDeletion(
      { ...command, ...(acknowledgeIrreversible === undefined ? {} : { acknowledgeIrreversible }) },
      aMeta(),
      aRecord(recordChange),
      NOW,
    );
    if (expected === 'irreversible') {
      expect(decision).toMatchObject({
        kind: 'rejected',
        reply: {
          status: 'rejected',
          errors: [
            {
              code: 'irreversible-consequences',
              details: {
                extractsIssued: recordChange.extractsIssued ?? 0,
                partnersHolding: (recordChange.holdings ?? []).map((h) => ({
                  partnerId: h.partnerId,
                  canRetract: h.canRetract,
                })),
              },
            },
          ],
        },
      });
    } else {
      expect(decision).toMatchObject({ kind: 'changed', status: 'deleted' });
    }
  });

  it('states the reason and the consequences in ResultDeleted', () => {
    const decision = decideDeletion(
      { ...command, reason: 'other', explanation: 'entered twice', acknowledgeIrreversible: true },
      aMeta(),
      aRecord({ holdings: [mijnoverheid, cibg], extractsIssued: 1, sequence: 3 }),
      NOW,
    );
    if (decision.kind !== 'changed' || !decision.event) throw new Error('expected a deletion');
    expect(decision.event).toMatchObject({ type: 'ResultDeleted', sequence: 4 });
    expect(decision.event.data).toEqual({
      reason: 'other',
      explanation: 'entered twice',
      deletedAt: NOW.toISOString(),
      deletedBy: 'institution',
      acknowledgedIrreversible: true,
      consequences: {
        extractsIssued: 1,
        partnersHolding: [
          { partnerId: 'cibg-big', canRetract: false },
          { partnerId: 'mijnoverheid', canRetract: true },
        ],
      },
      registeredAt: '2026-07-04T09:12:00.000Z',
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    });
    expect(validateEvent(JSON.parse(JSON.stringify(decision.event))).ok).toBe(true);
  });

  it('records that nothing irreversible was acknowledged when nothing was asked', () => {
    const decision = decideDeletion(command, aMeta(), aRecord(), NOW);
    expect(decision.kind === 'changed' && decision.event?.data).toMatchObject({
      acknowledgedIrreversible: false,
    });
  });

  it.each([
    ['suspended', 'invalid-state'],
    ['deleted', 'already-deleted'],
  ] as const)('refuses to delete a %s result (%s)', (status, code) => {
    const decision = decideDeletion(
      { ...command, acknowledgeIrreversible: true },
      aMeta(),
      aRecord({ status }),
      NOW,
    );
    expect(decision).toMatchObject({ kind: 'rejected', reply: { errors: [{ code }] } });
  });
});
