import type { LedgerEntry, ResultLedger } from '../../ledger/domain/ledger-state';

/** A ledger entry as operations see it: without its body, which holds the personal number. */
export type EntryView = Omit<LedgerEntry, 'body' | 'released'>;

/** A result's ledger as operations read it (never with the entries' bodies). */
export interface LedgerView {
  resultId: string;
  institutionCode: string;
  entries: EntryView[];
  deletion?: ResultLedger['deletion'];
  flagged: string[];
}
