import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DocumentWrites } from '@rod/messaging';
import { Model } from 'mongoose';
import { FIRST_LIST_NUMBER, slotId } from '../domain/status-list-id';
import type { StatusAllocationDocument, StatusSlotDocument } from './status-list.schema';
import { CURRENT_ALLOCATION_ID, STATUS_ALLOCATION_COLLECTION } from './status-list.schema';

export const STATUS_SLOT_MODEL = 'StatusSlot';
export const STATUS_ALLOCATION_MODEL = 'StatusAllocation';

const isDuplicateKey = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 11000;

/**
 * The indexes handed out (`status_list_slots`) and the list being filled
 * (`status_list_allocation`). Every lookup is by bare `_id`, the one FerretDB indexes.
 */
@Injectable()
export class StatusSlotStore {
  constructor(
    @InjectModel(STATUS_SLOT_MODEL) private readonly slots: Model<StatusSlotDocument>,
    @InjectModel(STATUS_ALLOCATION_MODEL)
    private readonly allocation: Model<StatusAllocationDocument>,
    private readonly writes: DocumentWrites,
  ) {}

  /** Takes index `index` of list `listNumber`; false when it was handed out before. */
  async claim(listNumber: number, index: number): Promise<boolean> {
    try {
      await this.slots.collection.insertOne({
        _id: slotId(listNumber, index),
        allocatedAt: new Date(),
      } as never);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** The list number being filled now (the first one before anything was allocated). */
  async currentListNumber(): Promise<number> {
    const current = await this.readCurrent();
    return current?.listNumber ?? FIRST_LIST_NUMBER;
  }

  /**
   * Moves allocation past list `full` (unless another writer did already); returns the
   * list number to fill now.
   */
  async moveOnFrom(full: number): Promise<number> {
    for (;;) {
      const outcome = await this.writes.exclusively(
        STATUS_ALLOCATION_COLLECTION,
        CURRENT_ALLOCATION_ID,
        async () => {
          const current = await this.readCurrent();
          if (current && current.listNumber > full) return current.listNumber;
          const next = full + 1;
          if (!current) return (await this.insertCurrent(next)) ? next : null;
          const written = await this.writes.replace(
            this.allocation,
            { ...current, listNumber: next, version: current.version + 1 },
            current.version,
          );
          return written ? next : null;
        },
      );
      if (outcome !== null) return outcome;
    }
  }

  private readCurrent(): Promise<StatusAllocationDocument | null> {
    return this.allocation
      .findById(CURRENT_ALLOCATION_ID)
      .lean<StatusAllocationDocument | null>()
      .exec();
  }

  private async insertCurrent(listNumber: number): Promise<boolean> {
    try {
      await this.allocation.collection.insertOne({
        _id: CURRENT_ALLOCATION_ID,
        listNumber,
        version: 0,
      } as never);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
