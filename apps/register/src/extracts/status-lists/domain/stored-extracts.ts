import type { StatusSlot } from '../../extract-ports';
import { STATUS_LIST_SIZE } from '../../extract-ports';
import { FIRST_LIST_NUMBER } from './status-list-id';

/** The places in the status lists of a result's extracts, grouped by list number. */
export interface StoredSlots {
  byList: Map<number, number[]>;
  /** Records without a usable place (they cannot be given a bit). */
  unusable: number;
}

const isSlot = (value: unknown): value is StatusSlot => {
  const { listNumber, index } = (value ?? {}) as Partial<StatusSlot>;
  return (
    Number.isSafeInteger(listNumber) &&
    (listNumber as number) >= FIRST_LIST_NUMBER &&
    Number.isInteger(index) &&
    (index as number) >= 0 &&
    (index as number) < STATUS_LIST_SIZE
  );
};

/**
 * Reads a result document's `extracts` tolerantly: absent is none, and a record without a
 * list number and index in range is counted, not thrown on (no retry would mend it).
 */
export function storedSlots(extracts: unknown): StoredSlots {
  const records: unknown[] = Array.isArray(extracts) ? extracts : [];
  const byList = new Map<number, number[]>();
  let unusable = 0;
  for (const record of records) {
    if (!isSlot(record)) {
      unusable += 1;
      continue;
    }
    const indexes = byList.get(record.listNumber) ?? [];
    if (!indexes.includes(record.index)) indexes.push(record.index);
    byList.set(record.listNumber, indexes);
  }
  return { byList, unusable };
}
