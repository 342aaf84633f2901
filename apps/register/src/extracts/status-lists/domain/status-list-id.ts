import type { StatusPurpose } from '../../extract-ports';
import { StatusPurposes } from '../../extract-ports';

/** The first list number; the current one is kept in the database and only ever grows. */
export const FIRST_LIST_NUMBER = 1;

/** A `{listId}` of `GET /v1/status-lists/{listId}`, parsed. */
export interface StatusListRef {
  listNumber: number;
  purpose: StatusPurpose;
}

/** Parses `<listNumber>-<purpose>` (as `statusListId` writes it); null for anything else. */
export function parseStatusListId(listId: string): StatusListRef | null {
  const match = /^([1-9][0-9]{0,14})-([a-z]+)$/.exec(listId);
  if (!match) return null;
  const purpose = StatusPurposes.find((p) => p === match[2]);
  const listNumber = Number(match[1]);
  if (!purpose || !Number.isSafeInteger(listNumber) || listNumber < FIRST_LIST_NUMBER) return null;
  return { listNumber, purpose };
}

/** The `_id` of an allocated index in `status_list_slots`: `<listNumber>/<index>`. */
export const slotId = (listNumber: number, index: number): string => `${listNumber}/${index}`;
