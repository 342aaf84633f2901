import type { ChannelWrapper } from 'amqp-connection-manager';
import type { AmqpConnection } from '../amqp-connection';
import type { MessagingMetrics } from '../transport/messaging-metrics';
import { declareExchanges } from '../topology-declarer';
import type { OutgoingMessage } from './outgoing-message';

/**
 * Publishes with publisher confirms: `publish` resolves only once the broker has
 * taken responsibility for the message. While the broker is away, messages wait
 * in the channel and go out after reconnecting; callers keep them (outbox) until then.
 */
export class AmqpPublisher {
  private readonly channel: ChannelWrapper;

  constructor(
    connection: AmqpConnection,
    private readonly metrics?: MessagingMetrics,
    private readonly publishTimeoutMs = 30_000,
  ) {
    this.channel = connection.createChannel('publisher', async (ch) => {
      await declareExchanges(ch);
    });
  }

  async publish(message: OutgoingMessage): Promise<void> {
    await this.channel.publish(message.exchange, message.routingKey, Buffer.from(message.payload), {
      contentType: 'application/json',
      deliveryMode: 2,
      persistent: true,
      messageId: message.messageId,
      type: message.type,
      correlationId: message.correlationId,
      timestamp: message.timestamp,
      mandatory: false,
      timeout: this.publishTimeoutMs,
    });
    this.metrics?.published.inc({ exchange: message.exchange || '(default)' });
  }

  async publishAll(messages: OutgoingMessage[]): Promise<void> {
    await Promise.all(messages.map((m) => this.publish(m)));
  }

  async close(): Promise<void> {
    await this.channel.close();
  }
}
