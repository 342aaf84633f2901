import type { DeletionConsequencesV1 } from '@rod/contracts';
import type { ResultRecord } from './result-state';

/** What deleting the result now would cause, as `ResultDeleted` and the impact endpoint state it. */
export function consequencesOf(
  record: Pick<ResultRecord, 'holdings' | 'extractsIssued'>,
): DeletionConsequencesV1 {
  return {
    extractsIssued: record.extractsIssued,
    partnersHolding: record.holdings
      .filter((h) => h.retractedAt === undefined)
      .map((h) => ({ partnerId: h.partnerId, canRetract: h.canRetract }))
      .sort((a, b) => a.partnerId.localeCompare(b.partnerId)),
  };
}

/**
 * A deletion is irreversible when an extract was issued (the student holds a copy) or a
 * partner that cannot retract holds the result (DOMAIN.md, "Partners and irreversibility").
 */
export function isIrreversible(consequences: DeletionConsequencesV1): boolean {
  return consequences.extractsIssued > 0 || consequences.partnersHolding.some((p) => !p.canRetract);
}
