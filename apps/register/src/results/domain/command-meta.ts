/** What the register knows of a command besides its body, whichever door it came through. */
export interface CommandMeta {
  /** `message_id` over AMQP, `Idempotency-Key` over HTTP: the idempotency key. */
  commandId: string;
  /** Carried to every reply and event that follows from the command. */
  correlationId: string;
  /** The institution the sender is allowed to act for (routing key, token). */
  actingInstitution: string;
  /** AMQP `reply_to`, if the sender asked for a direct reply. */
  replyTo?: string;
}
