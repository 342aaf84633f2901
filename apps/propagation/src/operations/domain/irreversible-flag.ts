import type { EntryView, LedgerView } from './ledger-view';

/** One line of `GET /v1/irreversible-deliveries`: a result deleted after a partner that cannot retract received it. */
export interface IrreversibleFlag {
  resultId: string;
  institutionCode: string;
  partnerId: string;
  /** When the partner first received the result; null if the ledger no longer says. */
  deliveredAt: string | null;
  deletedAt: string;
  reason: string;
  deletionEventId: string;
}

/** Which flags are wanted: an institution, and `deletedAt` in [from, to) (epoch ms). */
export interface FlagFilter {
  institutionCode?: string;
  from?: number;
  to?: number;
}

/** The flags of a ledger: one per flagged partner, once the result is deleted. */
export function flagsOf(ledger: LedgerView): IrreversibleFlag[] {
  const { deletion } = ledger;
  if (!deletion) return [];
  return ledger.flagged.map((partnerId) => ({
    resultId: ledger.resultId,
    institutionCode: ledger.institutionCode,
    partnerId,
    deliveredAt: firstDelivery(ledger.entries, partnerId),
    deletedAt: deletion.deletedAt,
    reason: deletion.reason,
    deletionEventId: deletion.eventId,
  }));
}

/** As the flag's event has it: the earliest delivered registration or correction. */
function firstDelivery(entries: EntryView[], partnerId: string): string | null {
  const times = entries
    .filter(
      (e) =>
        e.partnerId === partnerId &&
        (e.kind === 'registration' || e.kind === 'correction') &&
        e.status === 'delivered',
    )
    .map((e) => e.deliveredAt ?? e.updatedAt)
    .sort();
  return times[0] ?? null;
}

export function flagMatches(flag: IrreversibleFlag, filter: FlagFilter): boolean {
  const deletedAt = Date.parse(flag.deletedAt);
  return (
    (filter.institutionCode === undefined || flag.institutionCode === filter.institutionCode) &&
    (filter.from === undefined || deletedAt >= filter.from) &&
    (filter.to === undefined || deletedAt < filter.to)
  );
}

/** Oldest deletion first; result and partner break ties. */
export function byDeletedAt(a: IrreversibleFlag, b: IrreversibleFlag): number {
  return (
    Date.parse(a.deletedAt) - Date.parse(b.deletedAt) ||
    a.resultId.localeCompare(b.resultId) ||
    a.partnerId.localeCompare(b.partnerId)
  );
}
