import type { mongo } from 'mongoose';
import type { ItemOutcome, WriteBatcherOptions } from './write-batcher';
import { WriteBatcher } from './write-batcher';

/** What updating by `_id` needs of a collection: the driver's `bulkWrite` and `findOne`. */
export interface BulkUpdateTarget {
  bulkWrite(operations: never[], options: { ordered: false }): Promise<{ matchedCount: number }>;
  findOne(filter: never, options: { projection: { _id: 1 } }): Promise<unknown>;
}

interface IdUpdate {
  id: string;
  update: mongo.UpdateFilter<mongo.Document>;
}

/**
 * Updates documents of one collection by bare `_id`, several in one unordered `bulkWrite`
 * when several wait (WriteBatcher). Measured on the embedded FerretDB: an `updateOne` alone
 * costs it about 2.1 ms of CPU, in batches of 25 about 1.5 ms each. Only for updates whose
 * filter is the bare `_id` (`replace-under-lock` mode), so that the only reason not to
 * match is a document that is gone.
 */
export class BatchedUpdates {
  private readonly batcher: WriteBatcher<IdUpdate, boolean>;

  constructor(target: BulkUpdateTarget, options: WriteBatcherOptions = {}) {
    this.batcher = new WriteBatcher((updates) => updateAll(target, updates), options);
  }

  /** Applies `update` to document `id`; false when there is no such document. */
  update(id: string, update: mongo.UpdateFilter<mongo.Document>): Promise<boolean> {
    return this.batcher.submit({ id, update });
  }
}

async function updateAll(
  target: BulkUpdateTarget,
  updates: IdUpdate[],
): Promise<ItemOutcome<boolean>[]> {
  const operations = updates.map(({ id, update }) => ({
    updateOne: { filter: { _id: id }, update },
  }));
  const { matchedCount } = await target.bulkWrite(operations as never[], { ordered: false });
  if (matchedCount === updates.length) return updates.map(() => ({ ok: true, value: true }));
  // A bulk write counts matches only in total: which documents were there, they still are.
  return Promise.all(
    updates.map(async ({ id }): Promise<ItemOutcome<boolean>> => {
      const found = await target.findOne({ _id: id } as never, { projection: { _id: 1 } });
      return { ok: true, value: found !== null && found !== undefined };
    }),
  );
}
