import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { StatusPurpose, StatusSlot } from '../extract-ports';
import {
  ExtractKeyRing,
  ExtractStatusLists,
  STATUS_LIST_SIZE,
  statusListId,
} from '../extract-ports';
import { allocateSlot } from './domain/allocate-slot';
import { holds } from './domain/extract-status';
import { StatusListStore } from './persistence/status-list.store';
import { StatusSlotStore } from './persistence/status-slot.store';

/** The path of a status list credential under REGISTER_PUBLIC_URL. */
export const statusListPath = (listNumber: number, purpose: StatusPurpose): string =>
  `/v1/status-lists/${statusListId(listNumber, purpose)}`;

/**
 * The status lists in the register's database: indexes handed out at random by inserting
 * `<list>/<index>` (a duplicate key: taken, pick again), bits in `status_lists`.
 */
@Injectable()
export class DatabaseStatusLists extends ExtractStatusLists {
  /** The list being filled, once read; only ever grows. */
  private current?: number;
  /** Lists known to have their document, so that allocation opens each once per process. */
  private readonly opened = new Set<number>();

  constructor(
    private readonly slots: StatusSlotStore,
    private readonly lists: StatusListStore,
    private readonly keyRing: ExtractKeyRing,
  ) {
    super();
  }

  async allocate(): Promise<StatusSlot> {
    this.current ??= await this.slots.currentListNumber();
    const slot = await allocateSlot(
      this.current,
      {
        open: (listNumber) => this.open(listNumber),
        claim: (listNumber, index) => this.slots.claim(listNumber, index),
        moveOnFrom: (full) => this.slots.moveOnFrom(full),
      },
      () => this.pickIndex(),
    );
    this.current = Math.max(this.current, slot.listNumber);
    return slot;
  }

  /** A uniformly random index of a list (a CSPRNG: a list's indexes must not be guessable). */
  pickIndex(): number {
    return randomInt(STATUS_LIST_SIZE);
  }

  credentialUrl(listNumber: number, purpose: StatusPurpose): string {
    return `${this.keyRing.issuer}${statusListPath(listNumber, purpose)}`;
  }

  async statusOf(slot: StatusSlot): Promise<{ revoked: boolean; suspended: boolean }> {
    const list = await this.lists.find(slot.listNumber);
    return {
      revoked: list ? holds(list.revoked, slot.index) : false,
      suspended: list ? holds(list.suspended, slot.index) : false,
    };
  }

  private async open(listNumber: number): Promise<void> {
    if (this.opened.has(listNumber)) return;
    await this.lists.open(listNumber);
    this.opened.add(listNumber);
  }
}
