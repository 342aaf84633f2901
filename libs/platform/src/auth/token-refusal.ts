import { errors } from 'jose';
import type { ProblemException } from '../http/problem.exception';
import { invalidTokenProblem, issuerUnavailableProblem } from './auth-problems';

/** Why jose refused a token, in words for the client (RFC 6750 error_description style). */
const CLAIM_REFUSALS: Readonly<Record<string, string>> = {
  iss: 'The token was not issued by the issuer this service trusts.',
  aud: 'The token is not meant for this service (audience).',
  nbf: 'The token is not valid yet.',
  iat: 'The token has an invalid issue time.',
  exp: 'The token has no valid expiry time (exp).',
  sub: 'The token has no subject (sub).',
};

/**
 * The problem to answer for an error of jose's jwtVerify: 401 for anything about the token,
 * 503 when the issuer's keys could not be fetched (the token may be good).
 */
export function tokenRefusal(error: unknown): { problem: ProblemException; issuerDown: boolean } {
  const refused = (detail: string) => ({ problem: invalidTokenProblem(detail), issuerDown: false });
  if (error instanceof errors.JWTExpired) return refused('The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return refused(CLAIM_REFUSALS[error.claim] ?? 'The token has an invalid claim.');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return refused('The token is not signed with an accepted algorithm (EdDSA or RS256).');
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return refused('The token is not signed with a key of the issuer (kid).');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return refused("The token's signature is not valid.");
  }
  // Fetching a remote JWKS: a timeout, a bad answer (plain JOSEError), a network error.
  const fetchFailed =
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError) ||
    error.constructor === errors.JOSEError;
  if (fetchFailed) return { problem: issuerUnavailableProblem(), issuerDown: true };
  return refused('The token is malformed.');
}
