import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';

/** What a handler may know of the message besides its body. */
export class AmqpContext extends BaseRpcContext<[ConsumeMessage, string]> {
  get message(): ConsumeMessage {
    return this.args[0];
  }

  get queue(): string {
    return this.args[1];
  }

  get routingKey(): string {
    return this.message.fields.routingKey;
  }

  /** How many times the broker delivered this message before (quorum queues count it). */
  get deliveryCount(): number {
    const count: unknown = this.message.properties.headers?.['x-delivery-count'];
    return typeof count === 'number' ? count : 0;
  }
}
