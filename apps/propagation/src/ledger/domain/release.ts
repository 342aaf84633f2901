import type { LedgerChange, LedgerEffect, LedgerEntry, ResultLedger } from './ledger-state';
import { isOpen } from './ledger-state';

/**
 * Hands each partner's oldest open entry to its work queue, unless it is there already or
 * parked (a parked delivery holds back the later ones of the same result: order first).
 */
export function releaseNext(ledger: ResultLedger, now: Date): LedgerChange {
  const effects: LedgerEffect[] = [];
  const heads = new Map<string, LedgerEntry>();
  for (const entry of ledger.entries) {
    if (isOpen(entry) && !heads.has(entry.partnerId)) heads.set(entry.partnerId, entry);
  }
  const entries = ledger.entries.map((entry) => {
    if (heads.get(entry.partnerId) !== entry || entry.released || entry.status !== 'pending') {
      return entry;
    }
    const released = { ...entry, released: true, updatedAt: now.toISOString() };
    effects.push({ kind: 'send', entry: released });
    return released;
  });
  return { ledger: { ...ledger, entries }, effects };
}
