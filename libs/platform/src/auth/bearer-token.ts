import { invalidTokenProblem, missingTokenProblem } from './auth-problems';

/** RFC 6750 section 2.1: `Bearer` and a token68. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of an Authorization header; a 401 problem when there is none or it is malformed. */
export function bearerToken(authorization: string | string[] | undefined): string {
  if (authorization === undefined || authorization === '') throw missingTokenProblem();
  if (Array.isArray(authorization)) {
    throw invalidTokenProblem('The request has more than one Authorization header.');
  }
  const match = BEARER.exec(authorization);
  if (match) return match[1];
  // Another scheme (Basic, …) means no bearer token was given at all.
  if (!/^Bearer(\s|$)/i.test(authorization)) throw missingTokenProblem();
  throw invalidTokenProblem('The Authorization header is not of the form "Bearer <token>".');
}
