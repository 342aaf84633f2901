import { Injectable } from '@nestjs/common';
import type { CommandReplyV1 } from '@rod/contracts';
import { validateMessage } from '@rod/contracts';
import { eventMessage } from '@rod/messaging';
import type { ChangeDecision } from './domain/change-decision';
import type { CommandMeta } from './domain/command-meta';
import { replyKeyOf } from './domain/command-meta';
import { rejected } from './domain/replies';
import type { ResultRecord } from './domain/result-state';
import { CommandAnswers } from './messaging/command-answers';
import type { ResultDocument } from './persistence/result.schema';
import { ResultRepository } from './persistence/result.repository';

/** A command on an existing result: how to read it and how to decide it. */
export interface ChangeCommand<C extends object> {
  type: string;
  schema: new () => C;
  resultIdOf: (command: C) => string;
  decide: (command: C, meta: CommandMeta, record: ResultRecord | null, now: Date) => ChangeDecision;
}

/**
 * Runs a command on an existing result, from either door: validate, decide against the
 * stored result, and store the change, its event, the decided command and the reply in
 * one write (the outbox publishes the event and the reply). A repeated command id gets
 * the first reply again and changes nothing; the rejection of a valid command is kept
 * for repeats too (an invalid one is answered again the same way, and nothing is stored).
 */
@Injectable()
export class ChangeResultUseCase {
  constructor(
    private readonly results: ResultRepository,
    private readonly answers: CommandAnswers,
  ) {}

  async execute<C extends object>(
    spec: ChangeCommand<C>,
    body: unknown,
    meta: CommandMeta,
  ): Promise<CommandReplyV1> {
    // Invalid input is answered without touching the database: nothing of it is stored,
    // and the same message gets the same answer again because validation is repeatable.
    const validated = validateMessage(spec.schema, body);
    if (!validated.ok) {
      return this.answers.send(rejected(meta.commandId, spec.type, null, validated.errors), meta);
    }
    const command = validated.value;
    const key = replyKeyOf(meta);
    const earlier = await this.results.findReply(key);
    if (earlier) return this.answers.send(earlier, meta);
    const resultId = spec.resultIdOf(command);

    for (;;) {
      const outcome = await this.results.exclusively(resultId, async () => {
        const record = await this.results.findById(resultId);
        const decision = spec.decide(command, meta, record, new Date());
        if (decision.kind !== 'changed' || !record) return decision;
        const written = await this.results.replace(
          this.applied(record, decision, meta),
          record.version,
        );
        return written ? decision : null;
      });
      if (!outcome) continue; // another instance changed the result: decide again
      switch (outcome.kind) {
        case 'repeat':
          return this.answers.send(outcome.reply, meta);
        case 'rejected':
          return this.answers.send(await this.results.recordReply(key, outcome.reply), meta);
        case 'changed':
          return outcome.reply;
      }
    }
  }

  private applied(
    record: ResultDocument,
    decision: Extract<ChangeDecision, { kind: 'changed' }>,
    meta: CommandMeta,
  ): ResultDocument {
    const { event, reply } = decision;
    const outbox = [
      ...record.outbox,
      ...(event ? [eventMessage(event)] : []),
      ...this.answers.messagesFor(reply, meta),
    ];
    return {
      ...record,
      status: decision.status,
      fields: decision.fields,
      sequence: event ? event.sequence : record.sequence,
      history: event
        ? [
            ...record.history,
            {
              sequence: event.sequence,
              eventId: event.eventId,
              type: event.type,
              occurredAt: event.occurredAt,
              data: event.data,
            },
          ]
        : record.history,
      commands: [...record.commands, { key: replyKeyOf(meta), reply }],
      version: record.version + 1,
      outboxPending: outbox.length > 0,
      outbox,
    };
  }
}
