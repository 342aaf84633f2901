import { Injectable } from '@nestjs/common';
import type { CommandReplyV1 } from '@rod/contracts';
import { AmqpPublisher } from '@rod/messaging';
import { replyMessages } from './reply-messages';

/** Publishes a reply directly (with confirms): for replies that come with no stored change. */
@Injectable()
export class ReplyPublisher {
  constructor(private readonly publisher: AmqpPublisher) {}

  async send(
    reply: CommandReplyV1,
    institutionCode: string,
    correlationId: string,
    replyTo?: string,
  ): Promise<void> {
    await this.publisher.publishAll(replyMessages(reply, institutionCode, correlationId, replyTo));
  }
}
