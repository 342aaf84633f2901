import type { ReplayCompletedV1 } from '@rod/contracts';
import type { OutgoingMessage } from '@rod/messaging';
import type { ReplayPlan } from './domain/replay-plan';
import { fromOf } from './domain/replay-plan';
import { replayCompletedMessage, replayedEventMessage } from './domain/replay-messages';
import type { StoredHistory } from './domain/replayed-event';
import { replayedEvents } from './domain/replayed-event';

/** What a replay reads from and sends to. */
export interface ReplayPorts {
  /** Every stored result, in `_id` order, streamed. */
  histories(): AsyncIterable<StoredHistory>;
  /** Sends messages in order; resolves once the broker confirmed all, rejects if any failed. */
  send(messages: OutgoingMessage[]): Promise<void>;
  newMessageId(): string;
  now(): Date;
}

export interface ReplayOptions {
  /** Events sent before awaiting their confirms: bounds memory and unconfirmed messages. */
  batchSize: number;
  /** Aborted when the service stops: the replay ends between two batches, without marker. */
  signal?: AbortSignal;
  /** Called after each confirmed batch. */
  onProgress?: (counts: ReplayCounts) => void;
}

export interface ReplayCounts {
  /** Results with at least one event sent. */
  results: number;
  events: number;
}

/** Thrown when a replay stops because the service is shutting down. */
export class ReplayStopped extends Error {
  constructor() {
    super('the replay was stopped: the service is shutting down');
  }
}

/**
 * Sends every stored event of the plan to its queue, batch by batch (each batch's confirms
 * awaited before the next is read), then the `ReplayCompleted` marker. Throws at the first
 * failure, after which it sends nothing more; the caller notices the missing marker.
 */
export async function runReplay(
  plan: ReplayPlan,
  ports: ReplayPorts,
  options: ReplayOptions,
): Promise<ReplayCounts> {
  const counts: ReplayCounts = { results: 0, events: 0 };
  let batch: OutgoingMessage[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    if (options.signal?.aborted) throw new ReplayStopped();
    await ports.send(batch);
    counts.events += batch.length;
    batch = [];
    options.onProgress?.({ ...counts });
  };

  for await (const result of ports.histories()) {
    const events = replayedEvents(result, plan.from, plan.replayId);
    if (events.length === 0) continue;
    counts.results++;
    for (const event of events) batch.push(replayedEventMessage(event, plan.queue));
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();

  if (options.signal?.aborted) throw new ReplayStopped();
  const completed: ReplayCompletedV1 = {
    replayId: plan.replayId,
    queue: plan.queue,
    from: fromOf(plan),
    results: counts.results,
    events: counts.events,
    completedAt: ports.now().toISOString(),
  };
  await ports.send([replayCompletedMessage(completed, ports.newMessageId())]);
  return counts;
}
