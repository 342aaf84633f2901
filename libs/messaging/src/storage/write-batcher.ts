/** What became of one item of a batch. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface WriteBatcherOptions {
  /** Items in one batch at most. */
  maxBatch?: number;
  /** Batches in flight at once; what arrives meanwhile waits for the next batch. */
  concurrency?: number;
}

interface Waiting<T, R> {
  item: T;
  settle: (value: R) => void;
  fail: (error: unknown) => void;
}

/**
 * Groups writes without waiting for a batch to fill: an item goes out at once when fewer
 * than `concurrency` batches are in flight, and what arrives while they are goes together
 * in the next. Every database command costs the embedded FerretDB a fixed overhead
 * besides its documents, so under load the overhead is shared. Each caller is answered
 * with its own item's outcome, once its batch is written.
 */
export class WriteBatcher<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<ItemOutcome<R>[]>,
    private readonly options: WriteBatcherOptions = {},
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((settle, fail) => {
      this.waiting.push({ item, settle, fail });
      this.flush();
    });
  }

  private flush(): void {
    const concurrency = this.options.concurrency ?? 2;
    const maxBatch = this.options.maxBatch ?? 100;
    while (this.inFlight < concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, maxBatch);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async write(batch: Waiting<T, R>[]): Promise<void> {
    let outcomes: ItemOutcome<R>[];
    try {
      outcomes = await this.writeBatch(batch.map((w) => w.item));
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((w, index) => {
      const outcome = outcomes[index] ?? { ok: false, error: new Error('no outcome') };
      if (outcome.ok) w.settle(outcome.value);
      else w.fail(outcome.error);
    });
  }
}
