/**
 * Runs tasks with the same key one after another, in arrival order, and tasks with
 * different keys side by side: a result's messages stay in order while others flow.
 */
export class KeyedSerialExecutor {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  get size(): number {
    return this.tails.size;
  }
}

/**
 * One lock per stored document, for read-decide-write sequences within a process.
 *
 * Why: the embedded FerretDB (SQLite) does not apply a conditional update atomically:
 * ten concurrent `updateOne({_id, version: 0}, …)` all report a match and all but one
 * change are lost (measured; see docs/adr/0003-database.md). Inserts on a unique `_id`
 * are atomic. So every read-modify-write of a document in a service goes through this
 * lock, and the version condition still protects against other processes on MongoDB.
 */
export class DocumentLocks {
  private readonly executor = new KeyedSerialExecutor();

  run<T>(collection: string, id: string, task: () => Promise<T>): Promise<T> {
    return this.executor.run(`${collection}/${id}`, task);
  }
}
