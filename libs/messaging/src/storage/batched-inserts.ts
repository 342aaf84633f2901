import type { ItemOutcome, WriteBatcherOptions } from './write-batcher';
import { WriteBatcher } from './write-batcher';

/** What inserting needs of a collection: the driver's `insertMany`. */
export interface InsertManyTarget {
  insertMany(docs: never[], options: { ordered: false }): Promise<unknown>;
}

const DUPLICATE_KEY = 11000;

/**
 * Inserts new documents of one collection, several in one unordered `insertMany` when
 * several wait (WriteBatcher). Measured on the embedded FerretDB: a 2 KB insert alone costs
 * it about 1 ms of CPU, in batches of 25 about 0.4 ms each. Each caller learns, once the
 * batch is written, whether its document was inserted or not because its `_id` exists (a
 * duplicate key is atomic on MongoDB and on FerretDB).
 */
export class BatchedInserts {
  private readonly batcher: WriteBatcher<object, boolean>;

  constructor(target: InsertManyTarget, options: WriteBatcherOptions = {}) {
    this.batcher = new WriteBatcher((docs) => insertAll(target, docs), options);
  }

  /** Inserts `doc`; false when a document with its `_id` exists already. */
  insert(doc: object): Promise<boolean> {
    return this.batcher.submit(doc);
  }
}

async function insertAll(
  target: InsertManyTarget,
  docs: object[],
): Promise<ItemOutcome<boolean>[]> {
  try {
    await target.insertMany(docs as never[], { ordered: false });
    return docs.map(() => ({ ok: true, value: true }));
  } catch (error) {
    const codes = writeErrorCodes(error);
    return docs.map((_doc, index): ItemOutcome<boolean> => {
      const code = codes?.get(index);
      if (codes && code === undefined) return { ok: true, value: true };
      if (code === DUPLICATE_KEY) return { ok: true, value: false };
      return { ok: false, error };
    });
  }
}

/**
 * The driver's bulk write error, by index in the batch: the error code of each document
 * that was not inserted. Null for any other error (the whole batch failed, or may have).
 */
function writeErrorCodes(error: unknown): Map<number, unknown> | null {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (writeErrors === undefined || writeErrors === null) return null;
  const list = Array.isArray(writeErrors) ? (writeErrors as unknown[]) : [writeErrors];
  if (list.length === 0) return null;
  const codes = new Map<number, unknown>();
  for (const item of list) {
    const { index, code } = item as { index?: unknown; code?: unknown };
    if (typeof index !== 'number') return null;
    codes.set(index, code);
  }
  return codes;
}
