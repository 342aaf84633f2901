/** Error codes of command replies and problem documents (CONTRACT.md). */
export const ErrorCodes = [
  'validation',
  'malformed-message',
  'unknown-result',
  'already-exists',
  'already-deleted',
  'not-allowed',
  'irreversible-consequences',
  'invalid-state',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export interface CommandError {
  code: ErrorCode;
  /** The offending field, dotted for nested fields (`person.bsn`); null for the whole command. */
  field: string | null;
  message: string;
  details?: unknown;
}

/** Published to `register.replies` as `institution.<code>.<status>`, and to `reply_to`. */
export interface CommandReplyV1 {
  commandId: string;
  command: string;
  status: 'accepted' | 'rejected';
  resultId: string | null;
  errors: CommandError[];
}
