import { randomUUID } from 'node:crypto';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import type { CommandError, ReplayStartedV1 } from '@rod/contracts';
import { ReplayRequestV1, validateMessage } from '@rod/contracts';
import type { ReplayPlan } from './domain/replay-plan';
import { fromOf, replayPlan, replayStarted } from './domain/replay-plan';
import { QueueCheck } from './messaging/queue-check';
import { ReplaySender } from './messaging/replay-sender';
import { ResultHistories } from './persistence/result-histories';
import type { ReplayCounts } from './run-replay';
import { ReplayStopped, runReplay } from './run-replay';

/** Events published before awaiting their confirms (see docs/register.md, "Replay"). */
export const REPLAY_BATCH_SIZE = 500;

/** Progress is logged every this many events. */
const PROGRESS_EVERY = 100_000;

/** How a request to replay was answered. */
export type ReplayStart =
  | { kind: 'started'; started: ReplayStartedV1 }
  | { kind: 'invalid'; errors: CommandError[] }
  | { kind: 'unknown-queue'; queue: string }
  | { kind: 'broker-unavailable' };

/**
 * `POST /v1/replays`: checks the request and the queue, then replays the register's
 * stored history to that queue in the background. At shutdown a running replay stops
 * between two batches (no marker), before the broker and database connections close.
 */
@Injectable()
export class ReplayEventsUseCase implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReplayEventsUseCase.name);
  private readonly running = new Map<string, Promise<void>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly histories: ResultHistories,
    private readonly queues: QueueCheck,
    private readonly sender: ReplaySender,
  ) {}

  async start(body: unknown): Promise<ReplayStart> {
    const request = validateMessage(ReplayRequestV1, body);
    if (!request.ok) return { kind: 'invalid', errors: request.errors };
    const plan = replayPlan(request.value, randomUUID());
    const queue = await this.queues.state(plan.queue);
    switch (queue.kind) {
      case 'missing':
        return { kind: 'unknown-queue', queue: plan.queue };
      case 'unavailable':
        this.logger.warn({ msg: 'replay refused: broker unavailable', reason: queue.reason });
        return { kind: 'broker-unavailable' };
      case 'exists':
        break;
    }
    const run = this.run(plan).finally(() => this.running.delete(plan.replayId));
    this.running.set(plan.replayId, run);
    return { kind: 'started', started: replayStarted(plan) };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await Promise.all(this.running.values());
  }

  /** Runs one replay to its end; never rejects: a failure is logged (ids and counts only). */
  private async run(plan: ReplayPlan): Promise<void> {
    const ids = { replayId: plan.replayId, queue: plan.queue, from: fromOf(plan) };
    const startedAt = Date.now();
    let progress: ReplayCounts = { results: 0, events: 0 };
    this.logger.log({ msg: 'replay started', ...ids });
    try {
      const counts = await runReplay(
        plan,
        {
          histories: () => this.histories.inIdOrder(),
          send: (messages) => this.sender.send(messages),
          newMessageId: randomUUID,
          now: () => new Date(),
        },
        {
          batchSize: REPLAY_BATCH_SIZE,
          signal: this.shutdown.signal,
          onProgress: (counts) => {
            if (
              Math.floor(counts.events / PROGRESS_EVERY) >
              Math.floor(progress.events / PROGRESS_EVERY)
            ) {
              this.logger.log({ msg: 'replay progress', ...ids, ...counts });
            }
            progress = counts;
          },
        },
      );
      this.logger.log({ msg: 'replay completed', ...ids, ...counts, ms: Date.now() - startedAt });
    } catch (error) {
      const stopped = error instanceof ReplayStopped;
      this.logger.error({
        msg: stopped
          ? 'replay stopped at shutdown, no marker sent'
          : 'replay failed, no marker sent',
        ...ids,
        // Confirmed before the failure: the queue holds at least these.
        ...progress,
        ms: Date.now() - startedAt,
        // Broker and database errors name no result's content.
        error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error',
      });
    }
  }
}
