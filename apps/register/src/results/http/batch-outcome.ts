import type { CommandError } from '@rod/contracts';
import type { RegistrationOutcome } from '../register-result.use-case';

/** The answer to one line of a batch. */
export interface BatchOutcome {
  line: number;
  status: 'accepted' | 'rejected';
  resultId: string | null;
  errors?: CommandError[];
  /** The line's command was handled before (the same Idempotency-Key and line). */
  repeat?: boolean;
}

export interface BatchSummary {
  lines: number;
  accepted: number;
  rejected: number;
}

export function outcomeOf(line: number, { reply, repeat }: RegistrationOutcome): BatchOutcome {
  return {
    line,
    status: reply.status,
    resultId: reply.resultId,
    ...(reply.status === 'rejected' ? { errors: reply.errors } : {}),
    ...(repeat ? { repeat: true } : {}),
  };
}
