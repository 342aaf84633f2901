import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import { REPLAY_COMPLETED, validateEvent } from '@rod/contracts';
import { KeyedSerialExecutor, declareQueue } from '@rod/messaging';
import type { ChannelModel, ConsumeMessage } from 'amqplib';
import { withoutPersonalNumbers } from '../results/domain/without-personal-numbers';
import type { ListedFlag, OpsClient } from './ops-client';
import { ReplayTracker } from './replay-tracker';

/** Applies one replayed result event to the read model (the live consumer's use case). */
export type ApplyResultEvent = (event: EventEnvelope) => Promise<unknown>;
/** Stores one irreversible delivery in the read model. */
export type ApplyFlag = (flag: ListedFlag) => Promise<unknown>;

export interface RebuildOptions {
  /** Only events that occurred from this instant or date (the register's `from`). */
  from?: string;
  /** Give up when no message arrived for this long (the register may have failed midway). */
  idleTimeoutMs?: number;
  /** Messages in flight at once. */
  prefetch?: number;
}

export interface RebuildReport {
  replayId: string;
  queue: string;
  events: number;
  rejected: number;
  flags: number;
  tookMs: number;
}

/**
 * Rebuilds reporting's read model from the register's history: declares a queue of its
 * own, asks the register to replay into it, applies every event with the same use case
 * the live consumer uses (so order, duplicates and idempotency work as always), then
 * stores every irreversible delivery propagation has flagged, and removes the queue.
 * It can run while the service runs: both write through version-checked documents.
 */
export class RebuildReadModel {
  private readonly logger = new Logger(RebuildReadModel.name);

  constructor(
    private readonly broker: ChannelModel,
    private readonly ops: OpsClient,
    private readonly applyEvent: ApplyResultEvent,
    private readonly applyFlag: ApplyFlag,
  ) {}

  async run(options: RebuildOptions = {}): Promise<RebuildReport> {
    const started = Date.now();
    const queue = `reporting.rebuild.${randomUUID()}`;
    const channel = await this.broker.createChannel();
    try {
      await declareQueue(channel, { queue, bindings: [] });
      await channel.prefetch(options.prefetch ?? 64);
      const tracker = new ReplayTracker();
      const finished = this.consume(channel, queue, tracker, options.idleTimeoutMs ?? 120_000);
      const { replayId } = await this.ops.requestReplay(queue, options.from);
      this.logger.log({ msg: 'replay requested', replayId, queue });
      await finished;
      const flags = await this.ops.irreversibleDeliveries();
      for (const flag of flags) await this.applyFlag(flag);
      const { handled, rejected } = tracker.counts;
      return {
        replayId,
        queue,
        events: handled,
        rejected,
        flags: flags.length,
        tookMs: Date.now() - started,
      };
    } finally {
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.deleteQueue(`${queue}.dlq`).catch(() => undefined);
      await channel.deleteExchange(`${queue}.dlx`).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
  }

  /** Resolves when the marker came and everything before it was handled. */
  private consume(
    channel: Awaited<ReturnType<ChannelModel['createChannel']>>,
    queue: string,
    tracker: ReplayTracker,
    idleTimeoutMs: number,
  ): Promise<void> {
    const inOrder = new KeyedSerialExecutor();
    return new Promise<void>((resolve, reject) => {
      let idle: NodeJS.Timeout;
      const watch = () => {
        clearTimeout(idle);
        idle = setTimeout(
          () =>
            reject(
              new Error(
                `no replayed event for ${idleTimeoutMs} ms; counts ${JSON.stringify(tracker.counts)}`,
              ),
            ),
          idleTimeoutMs,
        );
      };
      const settle = () => {
        if (tracker.done) {
          clearTimeout(idle);
          resolve();
        }
      };
      const onMessage = (message: ConsumeMessage | null) => {
        if (!message) return reject(new Error(`the broker cancelled the consumer of ${queue}`));
        watch();
        if (message.properties.type === REPLAY_COMPLETED) {
          const { events } = JSON.parse(message.content.toString('utf8')) as { events: number };
          channel.ack(message);
          tracker.completed(events);
          return settle();
        }
        void this.handle(message, inOrder).then(
          (outcome) => {
            if (outcome === 'stored') channel.ack(message);
            else channel.nack(message, false, false);
            tracker.handledOne(outcome);
            settle();
          },
          (error: unknown) => {
            clearTimeout(idle);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      };
      watch();
      channel.consume(queue, onMessage, { noAck: false }).catch(reject);
    });
  }

  /** Applies one replayed event, one result's events after another; an invalid one is rejected. */
  private async handle(
    message: ConsumeMessage,
    inOrder: KeyedSerialExecutor,
  ): Promise<'stored' | 'rejected'> {
    let body: unknown;
    try {
      body = JSON.parse(message.content.toString('utf8'));
    } catch {
      return 'rejected';
    }
    const event = validateEvent(body);
    if (!event.ok || !event.value.resultId) return 'rejected';
    const clean = withoutPersonalNumbers(event.value);
    await inOrder.run(event.value.resultId, () => this.applyEvent(clean));
    return 'stored';
  }
}
