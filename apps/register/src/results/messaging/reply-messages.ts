import type { CommandReplyV1 } from '@rod/contracts';
import { Exchanges, RoutingKeys } from '@rod/contracts';
import type { OutgoingMessage } from '@rod/messaging';
import { jsonMessage } from '@rod/messaging';

/**
 * A reply goes to the replies exchange as `institution.<code>.<status>`, and also straight
 * to the command's `reply_to` queue when it named one.
 */
export function replyMessages(
  reply: CommandReplyV1,
  institutionCode: string,
  correlationId: string,
  replyTo?: string,
): OutgoingMessage[] {
  const type = `${reply.command}Reply`;
  const messages = [
    jsonMessage(
      Exchanges.registerReplies,
      RoutingKeys.reply(institutionCode, reply.status),
      type,
      reply,
      correlationId,
    ),
  ];
  if (replyTo) messages.push(jsonMessage('', replyTo, type, reply, correlationId));
  return messages;
}
