import type {
  CommandReplyV1,
  EventEnvelope,
  RegisterResultV1,
  ResultRegisteredDataV1,
} from '@rod/contracts';
import { RegisterResultV1 as RegisterResult, resultIdOf } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { CommandMeta } from './command-meta';
import { replyKeyOf } from './command-meta';
import { isLateRegistration } from './lateness';
import { accepted, rejected } from './replies';
import type { DecidedCommand, ResultFields } from './result-state';

/** What the register knows of an existing result when deciding a registration. */
export interface ExistingResult {
  commands: DecidedCommand[];
}

export type RegistrationDecision =
  | { kind: 'repeat'; reply: CommandReplyV1 }
  | { kind: 'rejected'; reply: CommandReplyV1 }
  | {
      kind: 'registered';
      reply: CommandReplyV1;
      event: EventEnvelope<'ResultRegistered', ResultRegisteredDataV1>;
      fields: ResultFields;
    };

/** Decides a valid `register-result` command against the result it names, if that exists. */
export function decideRegistration(
  command: RegisterResultV1,
  meta: CommandMeta,
  existing: ExistingResult | null,
  now: Date,
): RegistrationDecision {
  const type = RegisterResult.type;
  const resultId = resultIdOf(command.institutionCode, command.resultSequence);
  if (command.institutionCode !== meta.actingInstitution) {
    return {
      kind: 'rejected',
      reply: rejected(meta.commandId, type, resultId, [
        {
          code: 'not-allowed',
          field: 'institutionCode',
          message: "a command may only concern the sender's own institution",
        },
      ]),
    };
  }
  if (existing) {
    const key = replyKeyOf(meta);
    const earlier = existing.commands.find((c) => c.key === key);
    if (earlier) return { kind: 'repeat', reply: earlier.reply };
    return {
      kind: 'rejected',
      reply: rejected(meta.commandId, type, resultId, [
        {
          code: 'already-exists',
          field: 'resultSequence',
          message: `result ${resultId} is registered already`,
        },
      ]),
    };
  }
  const fields: ResultFields = {
    resultSequence: command.resultSequence,
    person: command.person,
    programme: command.programme,
    examDate: command.examDate,
    studyMode: command.studyMode,
  };
  const data: ResultRegisteredDataV1 = {
    ...fields,
    registeredAt: now.toISOString(),
    late: isLateRegistration(command.examDate, now),
  };
  const event = createEnvelope({
    type: 'ResultRegistered',
    producer: 'register',
    correlationId: meta.correlationId,
    causationId: meta.commandId,
    resultId,
    institutionCode: command.institutionCode,
    sequence: 1,
    data,
    occurredAt: now,
  }) as EventEnvelope<'ResultRegistered', ResultRegisteredDataV1>;
  return { kind: 'registered', reply: accepted(meta.commandId, type, resultId), event, fields };
}
