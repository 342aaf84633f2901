import type { StatusPurpose } from '../../extract-ports';

/** A result's status as the register's `results` documents spell it. */
export const ResultStatuses = ['registered', 'suspended', 'deleted'] as const;
export type ResultStatusName = (typeof ResultStatuses)[number];

/** The two bits of an extract: its index in the revocation and in the suspension list. */
export interface ExtractBits {
  revoked: boolean;
  suspended: boolean;
}

/**
 * The bits every extract of a result should have, from the result's current status: a
 * deleted result's extracts are revoked (final), a suspended result's suspended, a
 * registered (or reinstated) result's neither.
 */
export function extractBitsFor(status: ResultStatusName): ExtractBits {
  switch (status) {
    case 'registered':
      return { revoked: false, suspended: false };
    case 'suspended':
      return { revoked: false, suspended: true };
    case 'deleted':
      return { revoked: true, suspended: false };
  }
}

export const isResultStatus = (value: unknown): value is ResultStatusName =>
  (ResultStatuses as readonly unknown[]).includes(value);

/** The indexes of one list pair whose bits are set, each list sorted ascending. */
export interface ListBits {
  revoked: number[];
  suspended: number[];
}

/** The bits of one extract to write: its index, and the bits it should have. */
export interface BitChange extends ExtractBits {
  index: number;
}

/**
 * The list pair after `changes`. Revocation is never undone (a deleted result stays
 * deleted; a stray event must not bring an extract back), suspension follows the change.
 */
export function applyBitChanges(list: ListBits, changes: BitChange[]): ListBits {
  const revoked = new Set(list.revoked);
  const suspended = new Set(list.suspended);
  for (const change of changes) {
    if (change.revoked) revoked.add(change.index);
    if (change.suspended) suspended.add(change.index);
    else suspended.delete(change.index);
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { revoked: sorted(revoked), suspended: sorted(suspended) };
}

/** The set indexes of one purpose's list. */
export const indexesOf = (list: ListBits, purpose: StatusPurpose): number[] =>
  purpose === 'revocation' ? list.revoked : list.suspended;

/** Whether two list pairs set the same bits. */
export const sameBits = (a: ListBits, b: ListBits): boolean =>
  a.revoked.length === b.revoked.length &&
  a.suspended.length === b.suspended.length &&
  a.revoked.every((v, i) => v === b.revoked[i]) &&
  a.suspended.every((v, i) => v === b.suspended[i]);

/** Whether a sorted index list holds `index` (binary search: a list may hold thousands). */
export function holds(sortedIndexes: number[], index: number): boolean {
  let low = 0;
  let high = sortedIndexes.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = sortedIndexes[middle];
    if (value === index) return true;
    if (value < index) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
