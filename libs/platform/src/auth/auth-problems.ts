import { ProblemException } from '../http/problem.exception';
import { problemType } from '../http/problem-details';

/** RFC 6750: no error code when the request carried no token at all. */
export function missingTokenProblem(): ProblemException {
  return new ProblemException(
    401,
    'Unauthorized',
    'This endpoint needs a bearer token: Authorization: Bearer <token>.',
    { type: problemType('missing-token') },
  ).withHeader('WWW-Authenticate', 'Bearer');
}

/** A token that was given but is not accepted; `detail` says why (never the token). */
export function invalidTokenProblem(detail: string): ProblemException {
  return new ProblemException(401, 'Unauthorized', detail, {
    type: problemType('invalid-token'),
  }).withHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
}

/** A valid token without any of the roles the endpoint allows. */
export function forbiddenRoleProblem(allowed: readonly string[]): ProblemException {
  return new ProblemException(
    403,
    'Forbidden',
    `This endpoint is for the role${allowed.length > 1 ? 's' : ''} ${allowed.join(', ')}.`,
    { type: problemType('forbidden-role') },
  ).withHeader('WWW-Authenticate', 'Bearer error="insufficient_scope"');
}

/** The issuer's keys could not be fetched: the token may well be good, so not a 401. */
export function issuerUnavailableProblem(): ProblemException {
  return new ProblemException(
    503,
    'Service Unavailable',
    "The token issuer's keys cannot be fetched right now; try again shortly.",
    { type: problemType('issuer-unavailable') },
  ).withHeader('Retry-After', '30');
}
