import type { QueueDeclaration } from '@rod/contracts';
import { Exchanges, deadLetterExchange, deadLetterQueue } from '@rod/contracts';
import type { Channel } from 'amqplib';

/** How often a quorum queue redelivers a failing message before dead-lettering it. */
export const DEFAULT_DELIVERY_LIMIT = 10;

/** Declares every exchange of the contract: durable topic exchanges. */
export async function declareExchanges(channel: Channel): Promise<void> {
  for (const exchange of Object.values(Exchanges)) {
    await channel.assertExchange(exchange, 'topic', { durable: true });
  }
}

/**
 * Declares a durable quorum queue with its own dead-letter exchange and `<queue>.dlq`,
 * and binds it. A message that is rejected, or redelivered more than the delivery
 * limit, moves to the dead-letter queue (at-least-once, so it cannot be lost on the way).
 */
export async function declareQueue(
  channel: Channel,
  declaration: QueueDeclaration,
  deliveryLimit = DEFAULT_DELIVERY_LIMIT,
): Promise<void> {
  const { queue, bindings } = declaration;
  const dlx = deadLetterExchange(queue);
  const dlq = deadLetterQueue(queue);
  await channel.assertExchange(dlx, 'fanout', { durable: true });
  await channel.assertQueue(dlq, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(dlq, dlx, '');
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': dlx,
      'x-dead-letter-strategy': 'at-least-once',
      'x-overflow': 'reject-publish',
      'x-delivery-limit': deliveryLimit,
    },
  });
  for (const { exchange, routingKey } of bindings) {
    await channel.bindQueue(queue, exchange, routingKey);
  }
}
