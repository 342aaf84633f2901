/** What a jose error says: its `code`, and for a failed claim which one. */
interface JoseError {
  code: string;
  message: string;
  claim?: string;
  reason?: string;
}

function isJoseError(error: unknown): error is JoseError {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^ERR_J(OSE|WS|WT|WK)/.test(code);
}

/**
 * Why jose refused a credential, in words for the verifier's `reason`; undefined when the
 * error is not jose's refusal (a fault of the register, not of the credential).
 */
export function joseFailureReason(error: unknown): string | undefined {
  if (!isJoseError(error)) return undefined;
  switch (error.code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return "the signature does not match the issuer's key: the credential was altered or signed by someone else";
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'signed with a key the issuer does not publish (unknown kid)';
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'the credential names no single key (kid) of the issuer';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the signing algorithm is not allowed: extracts are signed with EdDSA only';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return `not a well-formed JWT: ${error.message}`;
    case 'ERR_JWT_EXPIRED':
      return 'the credential has expired (exp)';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claimFailure(error.claim, error.reason);
    default:
      return `the credential could not be verified: ${error.message}`;
  }
}

function claimFailure(claim: string | undefined, reason: string | undefined): string {
  if (claim === 'iss') {
    return reason === 'missing'
      ? 'the credential names no issuer (iss)'
      : 'issued by someone else: the issuer (iss) is not this register';
  }
  if (claim === 'typ') return 'not a verifiable credential: the JWT header typ must be vc+jwt';
  if (claim === 'nbf') {
    return reason === 'check_failed'
      ? 'not valid yet: nbf is in the future'
      : 'nbf is not a number';
  }
  return `the claim ${claim ?? '?'} is not valid (${reason ?? 'invalid'})`;
}
