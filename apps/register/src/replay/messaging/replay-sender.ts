import { Injectable } from '@nestjs/common';
import type { OutgoingMessage } from '@rod/messaging';
import { AmqpPublisher } from '@rod/messaging';

/** Some messages of a replay's batch were not confirmed by the broker. */
export class ReplaySendFailed extends Error {
  constructor(
    readonly failed: number,
    readonly of: number,
    cause: unknown,
  ) {
    super(
      `${failed} of ${of} messages were not confirmed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** Sends a replay's messages through the service's own publisher (one channel, confirms on). */
@Injectable()
export class ReplaySender {
  constructor(private readonly publisher: AmqpPublisher) {}

  /**
   * Publishes a batch in order and waits for every confirm; rejects after all have settled
   * when any failed, so that none of the batch is still pending when the replay gives up.
   */
  async send(messages: OutgoingMessage[]): Promise<void> {
    const outcomes = await Promise.allSettled(messages.map((m) => this.publisher.publish(m)));
    const failures = outcomes.filter((o) => o.status === 'rejected');
    if (failures.length > 0) {
      throw new ReplaySendFailed(failures.length, messages.length, failures[0]?.reason);
    }
  }
}
