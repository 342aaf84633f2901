import type { DelayQueueDeclaration } from '../delay-queue';
import { declareDelayQueue } from '../delay-queue';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { Server } from '@nestjs/microservices';
import type { QueueDeclaration } from '@rod/contracts';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import type { AmqpConnection } from '../amqp-connection';
import { declareExchanges, declareQueue } from '../topology-declarer';
import { AmqpContext } from './amqp.context';
import { KeyedSerialExecutor } from './keyed-serial-executor';
import type { UnroutableMessage } from './message-errors';
import { PoisonMessageError, UNROUTABLE_PATTERN } from './message-errors';
import type { MessagingMetrics } from './messaging-metrics';
import type { StorageGate } from './storage-gate';

export interface ConsumedQueue {
  declaration: QueueDeclaration;
  /** Messages with the same key are handled one after another (e.g. per result). */
  orderingKey?: (body: unknown, message: ConsumeMessage) => string;
  /** The handler pattern of a message; by default its `type` property, else body.type. */
  patternOf?: (body: unknown, message: ConsumeMessage) => string | undefined;
}

export interface AmqpTransportOptions {
  connection: AmqpConnection;
  queues: ConsumedQueue[];
  /** Queues this service declares but does not consume (e.g. partner inboxes). */
  declareOnly?: QueueDeclaration[];
  /** Broker-side delays this service publishes retries to. */
  delayQueues?: DelayQueueDeclaration[];
  prefetch?: number;
  /** Deliveries of a failing message before it is dead-lettered (quorum `x-delivery-limit`). */
  deliveryLimit?: number;
  maxMessageBytes?: number;
  /** Wait before handing a failed message back, so an outage is not a hot loop. */
  retryDelayMs?: (deliveryCount: number) => number;
  metrics?: MessagingMetrics;
  /** Tells whether the database is up; the service's {@link MessagingLifecycle} sets it. */
  storage?: StorageGate;
  /** How often a paused consumer asks whether the database is back. */
  storagePollMs?: number;
}

const defaultRetryDelay = (deliveryCount: number): number =>
  Math.min(200 * 2 ** deliveryCount, 10_000);

function defaultPattern(body: unknown, message: ConsumeMessage): string | undefined {
  const fromProperty: unknown = message.properties.type;
  if (typeof fromProperty === 'string' && fromProperty) return fromProperty;
  const fromBody = (body as { type?: unknown } | null)?.type;
  return typeof fromBody === 'string' ? fromBody : undefined;
}

/**
 * A Nest transport on amqplib for the contract's wire format: plain JSON bodies,
 * quorum queues with dead-letter queues, and manual acks after the handler's
 * effect is stored. Handlers are ordinary `@EventPattern(type)` methods; their
 * context is an {@link AmqpContext}.
 *
 * Outcome of a handler: resolves → ack. Throws {@link PoisonMessageError} → reject
 * without requeue (dead-letter queue). Throws anything else → requeue after a delay;
 * the quorum queue's delivery limit dead-letters a message that keeps failing.
 *
 * Except while the database is away (the {@link StorageGate} says so after a failure):
 * then the consumers are cancelled (no new messages), the messages in hand are kept
 * unsettled, and once the database answers again they are handled again and the
 * consumers resume. An outage costs no delivery attempt and no dead letter.
 */
export class AmqpTransport extends Server implements CustomTransportStrategy {
  private channel?: ChannelWrapper;
  private readonly executor = new KeyedSerialExecutor();
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;
  private consumers?: { channel: ConfirmChannel; tags: string[] };
  private storage?: StorageGate;
  /** Set while consumers are paused for a database outage. */
  private outage?: Promise<void>;

  constructor(private readonly options: AmqpTransportOptions) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    const {
      connection,
      queues,
      declareOnly = [],
      delayQueues = [],
      prefetch = 50,
      deliveryLimit,
    } = this.options;
    this.channel = connection.createChannel('consumer', async (ch) => {
      await declareExchanges(ch);
      for (const declaration of declareOnly) await declareQueue(ch, declaration);
      for (const delay of delayQueues) await declareDelayQueue(ch, delay);
      for (const queue of queues) await declareQueue(ch, queue.declaration, deliveryLimit);
      await ch.prefetch(prefetch);
      this.consumers = { channel: ch, tags: [] };
      // After a reconnect during a database outage, consuming waits for the database.
      if (!this.outage) await this.consume(ch);
    });
    this.channel.waitForConnect().then(
      () => callback(),
      (err: Error) => callback(err),
    );
  }

  /** Uses the gate that tells whether the database is up (see {@link StorageGate}). */
  useStorageGate(gate: StorageGate): void {
    this.storage = gate;
  }

  private async consume(ch: ConfirmChannel): Promise<void> {
    const consumers = this.consumers;
    if (!consumers || consumers.channel !== ch || consumers.tags.length > 0) return;
    for (const queue of this.options.queues) {
      const { consumerTag } = await ch.consume(queue.declaration.queue, (msg) => {
        if (msg) this.track(this.onMessage(ch, queue, msg));
      });
      consumers.tags.push(consumerTag);
    }
  }

  /** Whether a failure happened because the database is away (and so must not count). */
  private async storageDown(): Promise<boolean> {
    const gate = this.storage ?? this.options.storage;
    return gate ? !(await gate.isUp()) : false;
  }

  /**
   * Pauses consuming until the database answers again, then resumes; every caller waits
   * for the same outage to end.
   */
  private waitForStorage(): Promise<void> {
    this.outage ??= (async () => {
      const gate = (this.storage ?? this.options.storage)!;
      const pollMs = this.options.storagePollMs ?? 1000;
      const since = Date.now();
      this.logger.warn?.({ msg: 'database unreachable: consumers paused, messages held' });
      this.options.metrics?.setConsumersPaused(true);
      const consumers = this.consumers;
      if (consumers) {
        const tags = consumers.tags.splice(0);
        for (const tag of tags) await consumers.channel.cancel(tag).catch(() => undefined);
      }
      while (!this.closing && !(await gate.isUp())) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      this.outage = undefined;
      this.options.metrics?.setConsumersPaused(false);
      if (this.closing) return;
      this.logger.log?.({
        msg: 'database reachable again: consumers resumed',
        pausedMs: Date.now() - since,
      });
      // The channel may have been replaced by a reconnect, whose setup consumed already.
      if (this.consumers) await this.consume(this.consumers.channel).catch(() => undefined);
    })();
    return this.outage;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async onMessage(
    ch: ConfirmChannel,
    queue: ConsumedQueue,
    msg: ConsumeMessage,
  ): Promise<void> {
    const queueName = queue.declaration.queue;
    const context = new AmqpContext([msg, queueName]);
    const maxBytes = this.options.maxMessageBytes ?? 64 * 1024;
    let body: unknown;
    let pattern: string | undefined;
    if (msg.content.length > maxBytes) {
      body = this.unroutable('too-large', msg);
      pattern = UNROUTABLE_PATTERN;
    } else {
      try {
        body = JSON.parse(msg.content.toString('utf8'));
        pattern = (queue.patternOf ?? defaultPattern)(body, msg);
      } catch {
        body = this.unroutable('not-json', msg);
        pattern = UNROUTABLE_PATTERN;
      }
      if (pattern === undefined || !this.messageHandlers.has(pattern)) {
        body = this.unroutable('no-handler', msg);
        pattern = UNROUTABLE_PATTERN;
      }
    }
    const key =
      pattern === UNROUTABLE_PATTERN
        ? `unroutable:${msg.fields.deliveryTag}`
        : (queue.orderingKey?.(body, msg) ?? `tag:${msg.fields.deliveryTag}`);
    await this.executor.run(key, () => this.handle(ch, queueName, pattern, body, context));
  }

  private unroutable(reason: UnroutableMessage['reason'], msg: ConsumeMessage): UnroutableMessage {
    return { reason, text: msg.content.subarray(0, 1024).toString('utf8') };
  }

  private async handle(
    ch: ConfirmChannel,
    queueName: string,
    pattern: string,
    body: unknown,
    context: AmqpContext,
  ): Promise<void> {
    const msg = context.message;
    const metrics = this.options.metrics;
    const started = process.hrtime.bigint();
    const handler = this.messageHandlers.get(pattern);
    try {
      if (pattern === UNROUTABLE_PATTERN) {
        // Whatever the handler does (e.g. reply "malformed"), the message itself is kept
        // in the dead-letter queue for operations.
        if (handler)
          await lastValueFrom(this.transformToObservable(await handler(body, context)), {
            defaultValue: undefined,
          });
        this.settle(() => ch.nack(msg, false, false));
        metrics?.consumed(queueName, 'dead-lettered', started);
        this.logger.warn?.({
          msg: 'message dead-lettered',
          queue: queueName,
          reason: (body as UnroutableMessage).reason,
          messageId: msg.properties.messageId as unknown,
        });
        return;
      }
      await lastValueFrom(this.transformToObservable(await handler!(body, context)), {
        defaultValue: undefined,
      });
      this.settle(() => ch.ack(msg));
      metrics?.consumed(queueName, 'acked', started);
    } catch (error) {
      const poison = error instanceof PoisonMessageError;
      if (!poison && !this.closing && (await this.storageDown())) {
        this.logger.warn?.({
          msg: 'message held until the database is back',
          queue: queueName,
          pattern,
          messageId: msg.properties.messageId as unknown,
          error: error instanceof Error ? error.message : String(error),
        });
        metrics?.consumed(queueName, 'held', started);
        await this.waitForStorage();
        if (!this.closing) return this.handle(ch, queueName, pattern, body, context);
        // Shutting down: the broker redelivers what was not settled.
        return;
      }
      this.logger.error?.({
        msg: poison ? 'message rejected as poison' : 'message handling failed, will retry',
        queue: queueName,
        pattern,
        messageId: msg.properties.messageId as unknown,
        deliveryCount: context.deliveryCount,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!poison && !this.closing) {
        const delay = (this.options.retryDelayMs ?? defaultRetryDelay)(context.deliveryCount);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      this.settle(() => ch.nack(msg, false, !poison));
      metrics?.consumed(queueName, poison ? 'dead-lettered' : 'requeued', started);
    }
  }

  /** An ack on a channel that died with a broker restart is moot: the broker redelivers. */
  private settle(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.logger.warn?.({
        msg: 'could not settle message, it will be redelivered',
        error: String(error),
      });
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const consumers = this.consumers;
    for (const tag of consumers?.tags ?? []) {
      await consumers?.channel.cancel(tag).catch(() => undefined);
    }
    await Promise.allSettled([...this.inFlight]);
    await this.channel?.close().catch(() => undefined);
  }

  on(): never {
    throw new Error('AmqpTransport does not support event listeners');
  }

  unwrap<T>(): T {
    return this.channel as T;
  }
}
