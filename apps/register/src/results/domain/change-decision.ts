import type { CommandError, CommandReplyV1, EventEnvelope, EventType } from '@rod/contracts';
import { resultIdOf } from '@rod/contracts';
import type { CommandMeta } from './command-meta';
import { replyKeyOf } from './command-meta';
import { rejected } from './replies';
import type { ResultFields, ResultRecord, ResultStatus } from './result-state';

/** The outcome of a command on an existing result. */
export type ChangeDecision =
  | { kind: 'repeat'; reply: CommandReplyV1 }
  | { kind: 'rejected'; reply: CommandReplyV1 }
  | {
      kind: 'changed';
      reply: CommandReplyV1;
      /** Absent when the command was accepted but changes nothing (an empty correction). */
      event?: EventEnvelope<EventType>;
      status: ResultStatus;
      fields: ResultFields;
    };

/** Which result a command names. */
export interface ResultCommand {
  institutionCode: string;
  resultSequence: string;
}

export function rejection(
  meta: CommandMeta,
  type: string,
  resultId: string | null,
  error: CommandError,
): ChangeDecision {
  return { kind: 'rejected', reply: rejected(meta.commandId, type, resultId, [error]) };
}

/**
 * The checks every institution command on an existing result starts with, in this order:
 * the sender acts for the result's institution, the result exists, the command is not a
 * repeat, and the result is not deleted. Null when the command may be decided further.
 */
export function institutionPreconditions(
  type: string,
  command: ResultCommand,
  meta: CommandMeta,
  record: ResultRecord | null,
): ChangeDecision | null {
  const resultId = resultIdOf(command.institutionCode, command.resultSequence);
  if (command.institutionCode !== meta.actingInstitution) {
    return rejection(meta, type, resultId, {
      code: 'not-allowed',
      field: 'institutionCode',
      message: "a command may only concern the sender's own institution",
    });
  }
  return resultPreconditions(type, resultId, meta, record);
}

/** The checks of any command on an existing result, whoever sends it. */
export function resultPreconditions(
  type: string,
  resultId: string,
  meta: CommandMeta,
  record: ResultRecord | null,
): ChangeDecision | null {
  if (!record) {
    return rejection(meta, type, resultId, {
      code: 'unknown-result',
      field: 'resultSequence',
      message: `no result ${resultId} is registered`,
    });
  }
  const key = replyKeyOf(meta);
  const earlier = record.commands.find((c) => c.key === key);
  if (earlier) return { kind: 'repeat', reply: earlier.reply };
  if (record.status === 'deleted') {
    return rejection(meta, type, resultId, {
      code: 'already-deleted',
      field: null,
      message: `result ${resultId} has been deleted`,
    });
  }
  return null;
}
