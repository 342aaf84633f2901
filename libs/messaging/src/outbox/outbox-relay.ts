import { Logger } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { AmqpPublisher } from '../publishing/amqp-publisher';
import type { OutgoingMessage } from '../publishing/outgoing-message';
import type { DocumentWrites } from '../storage/document-writes';
import type { OutboxFields } from './outbox.schema';

type OutboxDocument = OutboxFields & { _id: string };

/** A document to drain; `outbox` is what its writer just stored, which saves a read. */
interface QueuedDrain {
  source: string;
  id: string;
  outbox?: OutgoingMessage[];
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
   * document's whole outbox as it just wrote it, so the relay need not read it back.
   */
  notify(source: string, id: string, outbox?: OutgoingMessage[]): void {
    const key = `${source}/${id}`;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    const queued = this.queued.get(key);
    // Two notifications before a drain: the hint of the first is no longer the whole outbox.
    this.queued.set(key, { source, id, outbox: queued ? undefined : outbox });
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
      const [key, item] = this.queued.entries().next().value as [
        string,
        { source: string; id: string },
      ];
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

  private async drain({ source, id, outbox: hint }: QueuedDrain): Promise<void> {
    const model = this.sources.get(source);
    if (!model) throw new Error(`unknown outbox source ${source}`);
    const outbox = hint ?? (await model.findById(id, { outbox: 1 }).lean())?.outbox ?? [];
    if (outbox.length === 0) return;
    await this.publisher.publishAll(outbox);
    const published = new Set(outbox.map((m) => m.messageId));
    // Remove exactly what was published: a writer may have appended more meanwhile.
    await this.writes.exclusively(source, id, async () => {
      for (;;) {
        const fresh = await model.findById(id).lean<OutboxDocument | null>();
        if (!fresh) return;
        const rest = fresh.outbox.filter((m) => !published.has(m.messageId));
        const cleared = { ...fresh, outbox: rest, outboxPending: rest.length > 0 };
        if (await this.writes.replace(model, cleared, fresh.version)) {
          if (rest.length > 0) this.dirty.add(`${source}/${id}`);
          return;
        }
      }
    });
  }
}
