import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConsumeMessage, GetMessage } from 'amqplib';
import { connect } from 'amqplib';
import type { EventEnvelope, EventType } from '@rod/contracts';
import { eventMessage } from '@rod/messaging';
import { eventually } from './test-env';

export interface CapturedMessage {
  exchange: string;
  routingKey: string;
  properties: ConsumeMessage['properties'];
  body: unknown;
  raw: string;
}

/**
 * The test's own plain-amqplib view of the broker, as an institution back-end or an
 * operator has it: publish commands, capture what services publish, count queues.
 */
export class BrokerProbe {
  private constructor(
    private readonly connection: ChannelModel,
    readonly channel: Channel,
  ) {}

  static async connect(url: string): Promise<BrokerProbe> {
    const connection = await connect(url);
    const channel = await connection.createConfirmChannel();
    return new BrokerProbe(connection, channel);
  }

  /** Captures every message published to `exchange` with a key matching `pattern`. */
  async capture(
    exchange: string,
    pattern = '#',
    captured: CapturedMessage[] = [],
  ): Promise<CapturedMessage[]> {
    await this.channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await this.channel.assertQueue('', { exclusive: true, autoDelete: true });
    await this.channel.bindQueue(queue, exchange, pattern);
    await this.channel.consume(queue, (msg) => msg && captured.push(this.toCaptured(msg)), {
      noAck: true,
    });
    return captured;
  }

  /** A private queue for direct replies (`reply_to`), and what arrives on it. */
  async replyQueue(): Promise<{ queue: string; messages: CapturedMessage[] }> {
    const messages: CapturedMessage[] = [];
    const { queue } = await this.channel.assertQueue('', { exclusive: true, autoDelete: true });
    await this.channel.consume(queue, (msg) => msg && messages.push(this.toCaptured(msg)), {
      noAck: true,
    });
    return { queue, messages };
  }

  async publishJson(
    exchange: string,
    routingKey: string,
    body: unknown,
    properties: {
      messageId?: string;
      type?: string;
      replyTo?: string;
      correlationId?: string;
      userId?: string;
    } = {},
  ): Promise<string> {
    const messageId = properties.messageId ?? randomUUID();
    await this.publishRaw(exchange, routingKey, Buffer.from(JSON.stringify(body)), {
      ...properties,
      messageId,
    });
    return messageId;
  }

  async publishRaw(
    exchange: string,
    routingKey: string,
    content: Buffer,
    properties: {
      messageId?: string;
      type?: string;
      replyTo?: string;
      correlationId?: string;
      userId?: string;
    } = {},
  ): Promise<void> {
    this.channel.publish(exchange, routingKey, content, {
      contentType: 'application/json',
      persistent: true,
      timestamp: Math.floor(Date.now() / 1000),
      ...properties,
    });
    await (this.channel as Channel & { waitForConfirms(): Promise<void> }).waitForConfirms();
  }

  /** Publishes an event where the contract says it goes, as its producer would. */
  async publishEvent(event: EventEnvelope): Promise<void> {
    const message = eventMessage(event as EventEnvelope<EventType>);
    await this.publishRaw(message.exchange, message.routingKey, Buffer.from(message.payload), {
      messageId: message.messageId,
      type: message.type,
    });
  }

  async messageCount(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).messageCount;
  }

  /**
   * Empties a queue that earlier tests of the run left messages in; a queue that does not
   * exist yet is fine (its own channel, as the broker closes a channel on a missing queue).
   */
  async purgeIfExists(queue: string): Promise<number> {
    const channel = await this.connection.createChannel();
    channel.on('error', () => undefined);
    try {
      return (await channel.purgeQueue(queue)).messageCount;
    } catch {
      return 0;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /**
   * Tests of one run share a vhost: events a test publishes also wait in the queues of
   * services it did not start, and a later test's service would first work through them
   * (slowly: each is real work). A test that publishes many events empties those queues
   * when it is done.
   */
  async purgeAll(queues: readonly string[]): Promise<void> {
    for (const queue of queues) await this.purgeIfExists(queue);
  }

  /** Takes every message currently in a queue (acking them). */
  async drain(queue: string): Promise<CapturedMessage[]> {
    const taken: CapturedMessage[] = [];
    for (;;) {
      const msg = await this.channel.get(queue, { noAck: true });
      if (!msg) return taken;
      taken.push(this.toCaptured(msg));
    }
  }

  /** Waits until a queue holds at least `count` ready messages. */
  async waitForDepth(queue: string, count: number, timeoutMs = 15_000): Promise<number> {
    return eventually(
      async () => {
        const depth = await this.messageCount(queue);
        return depth >= count ? depth : undefined;
      },
      { timeoutMs, what: `${count} messages in ${queue}` },
    );
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }

  private toCaptured(msg: ConsumeMessage | GetMessage): CapturedMessage {
    const raw = msg.content.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    return {
      exchange: msg.fields.exchange,
      routingKey: msg.fields.routingKey,
      properties: msg.properties,
      body,
      raw,
    };
  }
}
