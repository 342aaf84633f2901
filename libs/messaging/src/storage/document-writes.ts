import type { Model } from 'mongoose';
import { DocumentLocks } from '../transport/keyed-serial-executor';

/**
 * How a changed document is written back.
 *
 * - `conditional` (MongoDB): `replaceOne({_id, version})`, atomic on the server, so
 *   several instances of a service can write the same document safely.
 * - `replace-under-lock` (the embedded FerretDB): `replaceOne({_id})`. FerretDB 1.24
 *   applies neither updates nor conditional filters atomically, and it scans the whole
 *   collection for any filter but a bare `_id` (measured: 47 ms per update at 4,000
 *   documents, against 5 ms for a replace by `_id`). Writers are serialised by the
 *   in-process document lock instead, which makes this mode single-instance.
 */
export type WriteMode = 'conditional' | 'replace-under-lock';

export interface VersionedDocument {
  _id: string;
  version: number;
}

/** Every read-decide-write of a stored document goes through here. */
export class DocumentWrites {
  private writeMode: WriteMode = 'conditional';

  constructor(readonly locks: DocumentLocks = new DocumentLocks()) {}

  get mode(): WriteMode {
    return this.writeMode;
  }

  /** Chooses the mode from what the database server says it is. */
  async detect(db: {
    admin(): { command(command: object): Promise<Record<string, unknown>> };
  }): Promise<WriteMode> {
    const info = await db.admin().command({ buildInfo: 1 });
    this.writeMode = 'ferretdbVersion' in info ? 'replace-under-lock' : 'conditional';
    return this.writeMode;
  }

  /** Runs a read-decide-write of one document with no other writer of this process in between. */
  exclusively<T>(collection: string, id: string, task: () => Promise<T>): Promise<T> {
    return this.locks.run(collection, id, task);
  }

  /**
   * Replaces a document read at `readVersion`; false when another writer changed it since
   * (conditional mode), in which case the caller reads again and decides again.
   */
  async replace<D extends VersionedDocument>(
    model: Model<D>,
    doc: D,
    readVersion: number,
  ): Promise<boolean> {
    const writable = model as unknown as Model<VersionedDocument>;
    const filter =
      this.writeMode === 'conditional' ? { _id: doc._id, version: readVersion } : { _id: doc._id };
    const { matchedCount } = await writable.replaceOne(filter, doc);
    return matchedCount === 1;
  }
}
