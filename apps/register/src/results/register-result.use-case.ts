import { Injectable } from '@nestjs/common';
import type { CommandReplyV1 } from '@rod/contracts';
import { RegisterResultV1, validateMessage } from '@rod/contracts';
import { eventMessage } from '@rod/messaging';
import type { CommandMeta } from './domain/command-meta';
import { replyKeyOf } from './domain/command-meta';
import { decideRegistration } from './domain/register-result.decision';
import { rejected } from './domain/replies';
import { CommandAnswers } from './messaging/command-answers';
import { ResultRepository } from './persistence/result.repository';
import type { ResultDocument } from './persistence/result.schema';

/** The outcome of a registration, and whether it is the answer to a repeated command. */
export interface RegistrationOutcome {
  reply: CommandReplyV1;
  repeat: boolean;
}

/**
 * Registers a result: validate, decide, and store the result together with its
 * `ResultRegistered` event and the reply in one write (the outbox sends both).
 * A repeated command id gets the first reply again and changes nothing.
 */
@Injectable()
export class RegisterResultUseCase {
  constructor(
    private readonly results: ResultRepository,
    private readonly answers: CommandAnswers,
  ) {}

  async execute(body: unknown, meta: CommandMeta): Promise<RegistrationOutcome> {
    // Invalid input is answered without touching the database: nothing of it is stored,
    // and the same message gets the same answer again because validation is repeatable.
    const validated = validateMessage(RegisterResultV1, body);
    if (!validated.ok) {
      const reply = rejected(meta.commandId, RegisterResultV1.type, null, validated.errors);
      return { reply: await this.answers.send(reply, meta), repeat: false };
    }
    const command = validated.value;
    const key = replyKeyOf(meta);
    const earlier = await this.results.findReply(key);
    if (earlier) return { reply: await this.answers.send(earlier, meta), repeat: true };

    const resultId = `${command.institutionCode}-${command.resultSequence}`;
    // A registration nearly always names a new result: decide against none and insert, and
    // read the stored result only when the insert finds one (a read by `_id` costs the
    // embedded database about as much as the insert).
    let existing: ResultDocument | null = null;
    for (;;) {
      const decision = decideRegistration(command, meta, existing, new Date());
      switch (decision.kind) {
        case 'repeat':
          return { reply: await this.answers.send(decision.reply, meta), repeat: true };
        case 'rejected':
          return this.rejectedWith(key, decision.reply, meta);
        case 'registered': {
          const { event, reply, fields } = decision;
          const outbox = [eventMessage(event), ...this.answers.messagesFor(reply, meta)];
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
            commands: [{ key, reply }],
            holdings: [],
            extractsIssued: 0,
            extracts: [],
            version: 1,
            outboxPending: outbox.length > 0,
            outbox,
          });
          if (inserted) return { reply, repeat: false };
          // Registered before (this command again, or another one): decide against it.
          existing = await this.results.findById(resultId);
        }
      }
    }
  }

  private async rejectedWith(
    key: string,
    reply: CommandReplyV1,
    meta: CommandMeta,
  ): Promise<RegistrationOutcome> {
    const first = await this.results.recordReply(key, reply);
    // Recording lost a race with the same command: the stored reply is the answer, a repeat.
    return { reply: await this.answers.send(first, meta), repeat: first !== reply };
  }
}
