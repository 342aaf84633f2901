import type { CommandReplyV1, ErrorCode } from '@rod/contracts';
import { ProblemException } from '@rod/platform';

/** The HTTP status of a rejected command, by its first error code. */
export const StatusOfError: Record<ErrorCode, number> = {
  validation: 400,
  'malformed-message': 400,
  'not-allowed': 403,
  'unknown-result': 404,
  'already-exists': 409,
  'already-deleted': 409,
  'irreversible-consequences': 409,
  'invalid-state': 409,
};

/** An accepted reply is the response body; a rejected one becomes a problem response. */
export function acceptedOrProblem(reply: CommandReplyV1): CommandReplyV1 {
  if (reply.status === 'accepted') return reply;
  const first = reply.errors[0];
  const status = first ? (StatusOfError[first.code] ?? 400) : 400;
  throw new ProblemException(status, titleOf(first?.code), first?.message ?? 'rejected', {
    type: `https://rod.example/problems/${first?.code ?? 'rejected'}`,
    errors: reply.errors,
    commandId: reply.commandId,
    resultId: reply.resultId,
  });
}

function titleOf(code: ErrorCode | undefined): string {
  switch (code) {
    case 'validation':
    case 'malformed-message':
      return 'The command is not valid';
    case 'not-allowed':
      return 'Not allowed';
    case 'unknown-result':
      return 'No such result';
    case 'irreversible-consequences':
      return 'The deletion has irreversible consequences';
    case 'already-exists':
    case 'already-deleted':
    case 'invalid-state':
    case undefined:
      return 'The command was rejected';
  }
}
