import { errors } from 'jose';
import { joseFailureReason } from './jose-failure';

const claimFailed = (claim: string, reason: string) =>
  new errors.JWTClaimValidationFailed('claim failed', {}, claim, reason);

describe('joseFailureReason', () => {
  it.each<[string, unknown, string]>([
    ['a bad signature', new errors.JWSSignatureVerificationFailed(), 'signature does not match'],
    ['an unknown key', new errors.JWKSNoMatchingKey(), 'unknown kid'],
    ['several keys that match', new errors.JWKSMultipleMatchingKeys(), 'no single key'],
    ['alg none or HS256', new errors.JOSEAlgNotAllowed('not allowed'), 'EdDSA only'],
    [
      'a malformed JWS',
      new errors.JWSInvalid('Invalid Compact JWS'),
      'not a well-formed JWT: Invalid Compact JWS',
    ],
    [
      'a claims set that is no object',
      new errors.JWTInvalid('JWT Claims Set must be a top-level JSON object'),
      'not a well-formed JWT',
    ],
    ['an expired token', new errors.JWTExpired('expired', {}, 'exp', 'check_failed'), 'expired'],
    ['a wrong issuer', claimFailed('iss', 'check_failed'), 'issued by someone else'],
    ['no issuer', claimFailed('iss', 'missing'), 'names no issuer'],
    ['a token that is not a vc+jwt', claimFailed('typ', 'check_failed'), 'typ must be vc+jwt'],
    ['nbf in the future', claimFailed('nbf', 'check_failed'), 'not valid yet'],
    ['nbf not a number', claimFailed('nbf', 'invalid'), 'nbf is not a number'],
    ['iat not a number', claimFailed('iat', 'invalid'), 'the claim iat is not valid (invalid)'],
    [
      'an unsupported feature',
      new errors.JOSENotSupported('Unsupported "alg" value'),
      'could not be verified',
    ],
  ])('gives a reason for %s', (_name, error, reason) => {
    expect(joseFailureReason(error)).toContain(reason);
  });

  it.each([
    ['a TypeError', new TypeError('x is undefined')],
    ['an error with another code', Object.assign(new Error('gone'), { code: 'ECONNRESET' })],
    ['no error at all', 'ERR_JWS_INVALID'],
  ])('gives none for %s: that is no refusal of the credential', (_name, error) => {
    expect(joseFailureReason(error)).toBeUndefined();
  });
});
