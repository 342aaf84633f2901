/** What the register knows of a command besides its body, whichever door it came through. */
export interface CommandMeta {
  /** `message_id` over AMQP, `Idempotency-Key` over HTTP: the idempotency key. */
  commandId: string;
  /** Carried to every reply and event that follows from the command. */
  correlationId: string;
  /** The institution the sender may act for (routing key, token); `helpdesk` for the helpdesk. */
  actingInstitution: string;
  /** AMQP `reply_to`, if the sender asked for a direct reply. */
  replyTo?: string;
  /** Commands that came over the broker are answered on the broker; HTTP answers in the response. */
  door: 'amqp' | 'http';
}

/**
 * Command ids are the senders' own: one institution's id must never find another's reply,
 * so stored replies are keyed by who acted and the id together.
 */
export const replyKeyOf = (meta: Pick<CommandMeta, 'actingInstitution' | 'commandId'>): string =>
  `${meta.actingInstitution}/${meta.commandId}`;
