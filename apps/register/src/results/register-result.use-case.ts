import { Injectable } from '@nestjs/common';
import type { CommandReplyV1 } from '@rod/contracts';
import { RegisterResultV1, validateMessage } from '@rod/contracts';
import { eventMessage } from '@rod/messaging';
import type { CommandMeta } from './domain/command-meta';
import { decideRegistration } from './domain/register-result.decision';
import { rejected } from './domain/replies';
import { replyMessages } from './messaging/reply-messages';
import { ReplyPublisher } from './messaging/reply.publisher';
import { ResultRepository } from './persistence/result.repository';

/**
 * Registers a result: validate, decide, and store the result together with its
 * `ResultRegistered` event and the reply in one write (the outbox sends both).
 * A repeated command id gets the first reply again and changes nothing.
 */
@Injectable()
export class RegisterResultUseCase {
  constructor(
    private readonly results: ResultRepository,
    private readonly replies: ReplyPublisher,
  ) {}

  async execute(body: unknown, meta: CommandMeta): Promise<CommandReplyV1> {
    const earlier = await this.results.findReply(meta.commandId);
    if (earlier) return this.answer(earlier, meta);

    const validated = validateMessage(RegisterResultV1, body);
    if (!validated.ok) {
      const reply = rejected(meta.commandId, RegisterResultV1.type, null, validated.errors);
      return this.answer(await this.results.recordReply(reply), meta);
    }
    const command = validated.value;

    for (;;) {
      const resultId = `${command.institutionCode}-${command.resultSequence}`;
      const existing = await this.results.findById(resultId);
      const decision = decideRegistration(command, meta, existing, new Date());
      switch (decision.kind) {
        case 'repeat':
          return this.answer(decision.reply, meta);
        case 'rejected':
          return this.answer(await this.results.recordReply(decision.reply), meta);
        case 'registered': {
          const { event, reply, fields } = decision;
          const inserted = await this.results.insert({
            _id: resultId,
            institutionCode: command.institutionCode,
            resultSequence: command.resultSequence,
            status: 'registered',
            fields,
            registeredAt: event.data.registeredAt,
            late: event.data.late,
            sequence: 1,
            history: [
              {
                sequence: 1,
                eventId: event.eventId,
                type: event.type,
                occurredAt: event.occurredAt,
                data: event.data,
              },
            ],
            commands: [{ commandId: meta.commandId, reply }],
            version: 1,
            outboxPending: true,
            outbox: [
              eventMessage(event),
              ...replyMessages(reply, meta.actingInstitution, meta.correlationId, meta.replyTo),
            ],
          });
          if (inserted) return reply;
          // Registered concurrently by another command: decide again against it.
        }
      }
    }
  }

  private async answer(reply: CommandReplyV1, meta: CommandMeta): Promise<CommandReplyV1> {
    await this.replies.send(reply, meta.actingInstitution, meta.correlationId, meta.replyTo);
    return reply;
  }
}
