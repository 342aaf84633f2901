import type { Channel } from 'amqplib';

/**
 * A broker-side delay: messages published to `exchange` wait `delayMs` in `queue`, then
 * dead-letter through the default exchange with their own routing key, i.e. into the
 * queue their routing key names. Every message of one queue waits the same time, so none
 * waits behind a longer one.
 */
export interface DelayQueueDeclaration {
  exchange: string;
  queue: string;
  delayMs: number;
}

export async function declareDelayQueue(
  channel: Channel,
  { exchange, queue, delayMs }: DelayQueueDeclaration,
): Promise<void> {
  await channel.assertExchange(exchange, 'fanout', { durable: true });
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-message-ttl': delayMs,
      'x-dead-letter-exchange': '',
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
    },
  });
  await channel.bindQueue(queue, exchange, '');
}
