import { Injectable } from '@nestjs/common';
import type { CommandReplyV1 } from '@rod/contracts';
import type { OutgoingMessage } from '@rod/messaging';
import type { CommandMeta } from '../domain/command-meta';
import { replyMessages } from './reply-messages';
import { ReplyPublisher } from './reply.publisher';

/**
 * Where a command's reply goes: a command that came over the broker is answered on the
 * broker (register.replies and its reply_to); one that came over HTTP in the response.
 */
@Injectable()
export class CommandAnswers {
  constructor(private readonly replies: ReplyPublisher) {}

  /** The reply messages to store in the outbox with the change the command made. */
  messagesFor(reply: CommandReplyV1, meta: CommandMeta): OutgoingMessage[] {
    if (meta.door !== 'amqp') return [];
    return replyMessages(reply, meta.actingInstitution, meta.correlationId, meta.replyTo);
  }

  /** Sends a reply that comes with no stored change (a rejection or a repeat). */
  async send(reply: CommandReplyV1, meta: CommandMeta): Promise<CommandReplyV1> {
    if (meta.door === 'amqp') {
      await this.replies.send(reply, meta.actingInstitution, meta.correlationId, meta.replyTo);
    }
    return reply;
  }
}
