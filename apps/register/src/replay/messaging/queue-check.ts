import { Injectable } from '@nestjs/common';
import { AmqpConnection } from '@rod/messaging';

/** Whether a queue exists on the broker, as far as the register can tell. */
export type QueueState =
  { kind: 'exists' } | { kind: 'missing' } | { kind: 'unavailable'; reason: string };

/** How long to wait for the broker before answering that it is unavailable. */
export const QUEUE_CHECK_TIMEOUT_MS = 5_000;

const NOT_FOUND = 404;
const RESOURCE_LOCKED = 405;

/**
 * Checks queues with a passive declare on a channel of its own: a missing queue makes the
 * broker close the channel, which must never be the publisher's or a consumer's.
 */
@Injectable()
export class QueueCheck {
  constructor(private readonly connection: AmqpConnection) {}

  async state(queue: string, timeoutMs = QUEUE_CHECK_TIMEOUT_MS): Promise<QueueState> {
    // Without an 'error' listener amqplib rethrows the broker's channel close inside the
    // connection's frame handling, which would take the service's whole connection down.
    const channel = this.connection.createChannel('replay-queue-check', (raw) => {
      raw.on('error', () => undefined);
      return Promise.resolve();
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no broker connection')), timeoutMs);
    });
    try {
      await Promise.race([channel.waitForConnect(), timeout]);
      await Promise.race([channel.checkQueue(queue), timeout]);
      return { kind: 'exists' };
    } catch (error) {
      switch ((error as { code?: unknown }).code) {
        case NOT_FOUND:
          return { kind: 'missing' };
        case RESOURCE_LOCKED:
          // Exclusive to another connection (an operator's own consumer): it exists, and
          // any connection may publish to it.
          return { kind: 'exists' };
        default:
          return { kind: 'unavailable', reason: (error as Error).message ?? String(error) };
      }
    } finally {
      clearTimeout(timer);
      await channel.close().catch(() => undefined);
    }
  }
}
