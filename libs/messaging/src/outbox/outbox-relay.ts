import { Logger } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { AmqpPublisher } from '../publishing/amqp-publisher';
import type { OutgoingMessage } from '../publishing/outgoing-message';
import type { DocumentWrites } from '../storage/document-writes';
import type { OutboxFields } from './outbox.schema';

type OutboxDocument = OutboxFields & { _id: string };

/**
 * A document to drain. `outbox` is the whole outbox its last writer stored, and `version`
 * the version that write gave the document: with them the relay neither reads the document
 * nor rewrites it (see `drain`).
 */
interface QueuedDrain {
  source: string;
  id: string;
  outbox?: OutgoingMessage[];
  version?: number;
}
type OutboxModel = Model<OutboxDocument>;

export interface OutboxRelayOptions {
  /**
   * How often to look for pending outboxes nobody announced (left by a crash). It scans
   * the collection on FerretDB (1.5 s at 10,000 documents, stalling other queries), so
   * it runs at start and then every 5 minutes; failed drains are retried on their own.
   */
  sweepIntervalMs?: number;
  /** Wait before draining a document again after a failure (broker or database away). */
  retryDelayMs?: number;
  /** Documents drained at once. */
  concurrency?: number;
}

/**
 * Publishes what aggregates put in their outboxes, with confirms, and only then removes
 * it. Writers `notify` after a write for low latency; a periodic sweep finds anything
 * left over. A crash between publishing and removing publishes again: consumers are
 * idempotent, so at-least-once is safe.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly sources = new Map<string, OutboxModel>();
  private readonly queued = new Map<string, QueuedDrain>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(
    private readonly publisher: AmqpPublisher,
    private readonly writes: DocumentWrites,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  /** An aggregate collection whose documents carry an outbox; named by its collection. */
  addSource(model: { collection: { collectionName: string } }): string {
    const name = model.collection.collectionName;
    // Any model whose schema went through addOutbox() has this shape.
    this.sources.set(name, model as unknown as OutboxModel);
    return name;
  }

  start(): void {
    this.stopped = false;
    const interval = this.options.sweepIntervalMs ?? 300_000;
    const tick = () => {
      void this.sweep().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, interval);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.retries.forEach((retry) => clearTimeout(retry));
    this.retries.clear();
    await this.idle();
  }

  /**
   * Tells the relay that a document's outbox has new messages. A writer passes the
   * document's whole outbox as it just wrote it, and the version it wrote, so the relay
   * need not read the document back.
   *
   * Writers notify after every write that appends to an outbox, while they still hold the
   * document's lock (DocumentWrites.exclusively); a new document's first write may notify
   * after its insert. So notifications of one document arrive in the order of its writes,
   * and one that arrives while the document is being drained marks it dirty before the
   * relay can take the lock to clear it.
   */
  notify(source: string, id: string, outbox?: OutgoingMessage[], version?: number): void {
    const key = `${source}/${id}`;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    // The latest writer's outbox is the whole outbox (messages are only appended until the
    // relay removes them, and the relay does not write while the document is queued). A
    // notification without one (sweep, retry) leaves an earlier writer's in place.
    const queued = this.queued.get(key);
    this.queued.set(key, outbox ? { source, id, outbox, version } : (queued ?? { source, id }));
    this.pump();
  }

  /** Resolves when nothing is being drained (used at shutdown and in tests). */
  idle(): Promise<void> {
    if (this.active === 0 && this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 32;
    while (this.active < limit && this.queued.size > 0) {
      const [key, item] = this.queued.entries().next().value as [string, QueuedDrain];
      this.queued.delete(key);
      this.running.add(key);
      this.active++;
      void this.drain(item)
        .catch((error: unknown) => {
          this.logger.warn({
            msg: 'outbox drain failed, will retry',
            source: item.source,
            id: item.id,
            error: String(error),
          });
          this.retryLater(item.source, item.id);
        })
        .finally(() => {
          this.running.delete(key);
          this.active--;
          if (this.dirty.delete(key)) this.queued.set(key, { source: item.source, id: item.id });
          if (this.active === 0 && this.queued.size === 0) {
            this.idleWaiters.splice(0).forEach((resolve) => resolve());
          }
          this.pump();
        });
    }
  }

  private retryLater(source: string, id: string): void {
    if (this.stopped) return;
    const retry = setTimeout(() => {
      this.retries.delete(retry);
      this.notify(source, id);
    }, this.options.retryDelayMs ?? 1000);
    this.retries.add(retry);
  }

  private async sweep(): Promise<void> {
    for (const [name, model] of this.sources) {
      try {
        const pending = await model.find({ outboxPending: true }, { _id: 1 }).limit(1000).lean();
        for (const doc of pending) this.notify(name, String(doc._id));
      } catch (error) {
        this.logger.warn({ msg: 'outbox sweep failed', source: name, error: String(error) });
      }
    }
  }

  /**
   * Publishes a document's outbox, then removes what it published. When the outbox came
   * from the document's last writer (`notify`) and no writer notified since, the outbox in
   * the database is still exactly that: one update empties it, without reading the
   * document or rewriting the rest of it. Otherwise the relay reads the outbox and removes
   * exactly what it published, keeping what a writer appended meanwhile.
   */
  private async drain({ source, id, outbox: hint, version }: QueuedDrain): Promise<void> {
    const model = this.sources.get(source);
    if (!model) throw new Error(`unknown outbox source ${source}`);
    const outbox = hint ?? (await this.readOutbox(model, id))?.outbox ?? [];
    if (outbox.length === 0) return;
    await this.publisher.publishAll(outbox);
    const key = `${source}/${id}`;
    await this.writes.exclusively(source, id, async () => {
      if (hint && !this.dirty.has(key) && (await this.clearWhole(model, id, version))) return;
      await this.removePublished(model, id, new Set(outbox.map((m) => m.messageId)), key);
    });
  }

  /**
   * Empties an outbox that is known to hold only what was published. On MongoDB the
   * writer's version must still be the document's (another instance may have written);
   * under the in-process lock the absence of a notification since says the same.
   */
  private clearWhole(model: OutboxModel, id: string, version?: number): Promise<boolean> {
    if (version === undefined && this.writes.mode === 'conditional') return Promise.resolve(false);
    return this.writes.update(model, id, version ?? 0, this.cleared([]));
  }

  /**
   * The relay's write of an outbox. Under the in-process lock it leaves `version` alone (no
   * other writer can have read in between). With conditional writes it counts as a write:
   * another instance's writer that read the outbox before it must read again, or it would
   * store, and its relay publish again, the messages just published.
   */
  private cleared(rest: OutgoingMessage[]): Record<string, unknown> {
    const update: Record<string, unknown> = {
      $set: { outbox: rest, outboxPending: rest.length > 0 },
    };
    if (this.writes.mode === 'conditional') update.$inc = { version: 1 };
    return update;
  }

  /** Removes exactly what was published: a writer may have appended more meanwhile. */
  private async removePublished(
    model: OutboxModel,
    id: string,
    published: Set<string>,
    key: string,
  ): Promise<void> {
    for (;;) {
      const fresh = await this.readOutbox(model, id);
      if (!fresh) return;
      const rest = fresh.outbox.filter((m) => !published.has(m.messageId));
      if (await this.writes.update(model, id, fresh.version, this.cleared(rest))) {
        if (rest.length > 0) this.dirty.add(key);
        return;
      }
    }
  }

  private readOutbox(model: OutboxModel, id: string): Promise<OutboxFields | null> {
    return model.collection.findOne<OutboxFields>({ _id: id } as never, {
      projection: { outbox: 1, version: 1 },
    });
  }
}
