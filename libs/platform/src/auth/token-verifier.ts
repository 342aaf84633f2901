import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { jwtVerify } from 'jose';
import { invalidTokenProblem } from './auth-problems';
import { AUTH_SETTINGS } from './auth-settings';
import type { AuthSettings } from './auth-settings';
import { jwksFromSettings } from './jwks-source';
import type { Principal } from './principal';
import { principalFromClaims } from './principal-from-claims';
import { tokenRefusal } from './token-refusal';

/** Asymmetric only: `none` and HMAC (HS256, the public key as secret) are refused. */
export const ACCEPTED_TOKEN_ALGORITHMS: readonly string[] = ['EdDSA', 'RS256'];
const CLOCK_TOLERANCE_SECONDS = 30;
/** Far above any token the issuer mints; refuses huge headers before any parsing. */
const MAX_TOKEN_LENGTH = 8192;

/** Verifies a bearer token against the configured issuer and tells whose it is. */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly keys: JWTVerifyGetKey | undefined;

  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {
    this.keys = jwksFromSettings(settings);
    if (!this.keys) {
      this.logger.warn({
        msg: 'no token issuer is configured (AUTH_JWKS_FILE or AUTH_JWKS_URL): every request to a protected endpoint is refused',
      });
    }
  }

  /** The token's principal; throws a 401 ProblemException (503 if the issuer's keys are unreachable). */
  async verify(token: string): Promise<Principal> {
    if (!this.keys) {
      throw invalidTokenProblem('No token issuer is configured, so this service accepts no token.');
    }
    if (token.length > MAX_TOKEN_LENGTH) throw invalidTokenProblem('The token is too long.');
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys, {
        algorithms: [...ACCEPTED_TOKEN_ALGORITHMS],
        issuer: this.settings.AUTH_ISSUER,
        audience: this.settings.AUTH_AUDIENCE,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      const { problem, issuerDown } = tokenRefusal(error);
      if (issuerDown) {
        this.logger.warn({ msg: 'cannot fetch the token issuer keys', err: error });
      }
      throw problem;
    }
    return principalFromClaims(claims);
  }
}
