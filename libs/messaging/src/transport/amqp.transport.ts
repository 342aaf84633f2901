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
 */
export class AmqpTransport extends Server implements CustomTransportStrategy {
  private channel?: ChannelWrapper;
  private readonly executor = new KeyedSerialExecutor();
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;
  private consumers?: { channel: ConfirmChannel; tags: string[] };

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
      const consumers = { channel: ch, tags: [] as string[] };
      this.consumers = consumers;
      for (const queue of queues) {
        const { consumerTag } = await ch.consume(queue.declaration.queue, (msg) => {
          if (msg) this.track(this.onMessage(ch, queue, msg));
        });
        consumers.tags.push(consumerTag);
      }
    });
    this.channel.waitForConnect().then(
      () => callback(),
      (err: Error) => callback(err),
    );
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
