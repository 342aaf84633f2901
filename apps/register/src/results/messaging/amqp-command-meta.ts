import type { CommandError } from '@rod/contracts';
import { parseInstitutionRoutingKey } from '@rod/contracts';
import type { AmqpContext } from '@rod/messaging';
import type { CommandMeta } from '../domain/command-meta';

export type AmqpCommandMeta =
  | { ok: true; meta: CommandMeta }
  | { ok: false; institutionCode: string | null; meta: CommandMeta; error: CommandError };

/** The broker user an institution publishes as, when the broker authenticates each one. */
export const institutionUserId = (institutionCode: string): string => `inst-${institutionCode}`;

/**
 * Reads who sent a command and how to answer it from the AMQP message: `message_id` is
 * the command id, the routing key names the institution, and, where required, the
 * broker-validated `user_id` must be that institution's user.
 */
export function amqpCommandMeta(context: AmqpContext, requireUserId: boolean): AmqpCommandMeta {
  const { properties, fields } = context.message;
  const institutionCode = parseInstitutionRoutingKey(fields.routingKey)?.institutionCode ?? null;
  const messageId = typeof properties.messageId === 'string' ? properties.messageId : '';
  const correlationId =
    typeof properties.correlationId === 'string' && properties.correlationId
      ? properties.correlationId
      : messageId;
  const meta: CommandMeta = {
    commandId: messageId,
    correlationId,
    actingInstitution: institutionCode ?? '',
    replyTo:
      typeof properties.replyTo === 'string' && properties.replyTo ? properties.replyTo : undefined,
    door: 'amqp',
  };
  if (!messageId) {
    const error: CommandError = {
      code: 'malformed-message',
      field: null,
      message: 'a command needs a message_id property',
    };
    return { ok: false, institutionCode, meta, error };
  }
  if (!requireUserId || !institutionCode) return { ok: true, meta };
  if (properties.userId !== institutionUserId(institutionCode)) {
    const error: CommandError = {
      code: 'not-allowed',
      field: null,
      message: `commands for institution ${institutionCode} must be sent by broker user ${institutionUserId(institutionCode)}`,
    };
    return { ok: false, institutionCode, meta, error };
  }
  if (meta.replyTo !== undefined && !isOwnReplyQueue(meta.replyTo, institutionCode)) {
    const error: CommandError = {
      code: 'not-allowed',
      field: null,
      message: `reply_to must name one of the institution's own queues (${institutionUserId(institutionCode)}.*) or direct reply-to`,
    };
    return { ok: false, institutionCode, meta: { ...meta, replyTo: undefined }, error };
  }
  return { ok: true, meta };
}

/**
 * Where institutions authenticate as their own broker users, the register (which may
 * publish anywhere) sends a direct reply only to the sender's own queues, never into a
 * partner's inbox or another institution's queue.
 */
export function isOwnReplyQueue(replyTo: string, institutionCode: string): boolean {
  return (
    replyTo.startsWith(`${institutionUserId(institutionCode)}.`) ||
    replyTo.startsWith('amq.rabbitmq.reply-to')
  );
}
