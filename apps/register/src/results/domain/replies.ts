import type { CommandError, CommandReplyV1 } from '@rod/contracts';

export function accepted(commandId: string, command: string, resultId: string): CommandReplyV1 {
  return { commandId, command, status: 'accepted', resultId, errors: [] };
}

export function rejected(
  commandId: string,
  command: string,
  resultId: string | null,
  errors: CommandError[],
): CommandReplyV1 {
  return { commandId, command, status: 'rejected', resultId, errors };
}
