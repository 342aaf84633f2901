import { randomUUID } from 'node:crypto';
import { ProblemException } from '@rod/platform';
import type { CommandMeta } from '../domain/command-meta';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * A command that came over HTTP: the `Idempotency-Key` header is its id (a fresh one when
 * the caller sent none, so the command is simply not repeatable), the token says who acts.
 */
export function httpCommandMeta(
  actingInstitution: string,
  idempotencyKey: string | undefined,
): CommandMeta {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new ProblemException(
      400,
      'Invalid Idempotency-Key',
      'the Idempotency-Key header must be 1-200 visible ASCII characters',
    );
  }
  const commandId = idempotencyKey ?? randomUUID();
  return { commandId, correlationId: commandId, actingInstitution, door: 'http' };
}
