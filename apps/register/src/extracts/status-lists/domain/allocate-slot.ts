import type { StatusSlot } from '../../extract-ports';
import { MAX_COLLISIONS_IN_A_ROW } from './allocation-policy';

/** What allocation needs of the database. */
export interface SlotClaims {
  /** Makes sure the list exists before its first index is handed out. */
  open(listNumber: number): Promise<void>;
  /** Takes the index; false when it was handed out before. */
  claim(listNumber: number, index: number): Promise<boolean>;
  /** Records that `full` is full enough; returns the list to fill now. */
  moveOnFrom(full: number): Promise<number>;
}

/**
 * Hands out a random index never handed out before: picks, claims, and after
 * MAX_COLLISIONS_IN_A_ROW taken picks in a row moves on to the next list.
 */
export async function allocateSlot(
  listNumber: number,
  claims: SlotClaims,
  pick: () => number,
): Promise<StatusSlot> {
  let current = listNumber;
  let collisions = 0;
  await claims.open(current);
  for (;;) {
    const index = pick();
    if (await claims.claim(current, index)) return { listNumber: current, index };
    collisions += 1;
    if (collisions >= MAX_COLLISIONS_IN_A_ROW) {
      current = await claims.moveOnFrom(current);
      await claims.open(current);
      collisions = 0;
    }
  }
}
