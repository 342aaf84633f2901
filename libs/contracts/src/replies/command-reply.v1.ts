import { Type } from 'class-transformer';
import { NullableString } from '../values/nullable';
import { Allow, IsArray, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';

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

export class CommandErrorV1 {
  @IsIn(ErrorCodes)
  code: ErrorCode;

  /** The offending field, dotted for nested fields (`person.bsn`); null for the whole command. */
  @NullableString()
  field: string | null;

  @IsString()
  message: string;

  @IsOptional()
  @Allow()
  details?: unknown;
}
export type CommandError = CommandErrorV1;

/** Published to `register.replies` as `institution.<code>.<status>`, and to `reply_to`. */
export class CommandReplyV1 {
  @IsString()
  commandId: string;

  @IsString()
  command: string;

  @IsIn(['accepted', 'rejected'])
  status: 'accepted' | 'rejected';

  @NullableString()
  resultId: string | null;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CommandErrorV1)
  errors: CommandErrorV1[];
}
