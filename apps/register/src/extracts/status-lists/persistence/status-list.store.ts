import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DocumentWrites } from '@rod/messaging';
import { Model } from 'mongoose';
import type { BitChange } from '../domain/extract-status';
import { applyBitChanges, sameBits } from '../domain/extract-status';
import type { StatusListDocument } from './status-list.schema';
import { STATUS_LISTS_COLLECTION } from './status-list.schema';

export const STATUS_LIST_MODEL = 'StatusList';

const isDuplicateKey = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 11000;

/** The bits of the status lists (`status_lists`), one document per list number. */
@Injectable()
export class StatusListStore {
  constructor(
    @InjectModel(STATUS_LIST_MODEL) private readonly lists: Model<StatusListDocument>,
    private readonly writes: DocumentWrites,
  ) {}

  /** The list pair `listNumber`; null when no index of it was ever handed out. */
  find(listNumber: number): Promise<StatusListDocument | null> {
    return this.lists.findById(String(listNumber)).lean<StatusListDocument | null>().exec();
  }

  /** Makes sure list pair `listNumber` exists (all bits clear), before its first index is handed out. */
  async open(listNumber: number): Promise<void> {
    try {
      await this.lists.collection.insertOne(emptyList(listNumber) as never);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Sets the bits of some extracts of list pair `listNumber`; true when a bit changed. */
  async apply(listNumber: number, changes: BitChange[]): Promise<boolean> {
    const id = String(listNumber);
    for (;;) {
      const outcome = await this.writes.exclusively(STATUS_LISTS_COLLECTION, id, async () => {
        const list = await this.find(listNumber);
        if (!list) {
          // Allocation opens a list before handing out its indexes; this is only reached
          // for a list lost from the database. Open it, and decide again.
          await this.open(listNumber);
          return null;
        }
        const bits = applyBitChanges(list, changes);
        if (sameBits(bits, list)) return 'unchanged' as const;
        const next: StatusListDocument = {
          ...list,
          ...bits,
          version: list.version + 1,
          updatedAt: new Date().toISOString(),
        };
        return (await this.writes.replace(this.lists, next, list.version))
          ? ('changed' as const)
          : null;
      });
      if (outcome) return outcome === 'changed';
    }
  }
}

function emptyList(listNumber: number): StatusListDocument {
  return {
    _id: String(listNumber),
    listNumber,
    revoked: [],
    suspended: [],
    version: 0,
    updatedAt: new Date().toISOString(),
  };
}
