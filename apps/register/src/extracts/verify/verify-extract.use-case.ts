import { Injectable } from '@nestjs/common';
import type { ExtractVerificationV1 } from '@rod/contracts';
import type { JWTPayload } from 'jose';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { ExtractKeyRing, ExtractStatusLists } from '../extract-ports';
import { checkExtractCredential } from './domain/credential-checks';
import { joseFailureReason } from './domain/jose-failure';
import { invalidExtract, verificationAnswer } from './domain/verification-answer';

/** The clock difference with a verifier's clock that `nbf` and `validFrom` allow. */
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Verifies a digital extract as anyone may: the signature against this register's
 * published keys (EdDSA only, `typ` vc+jwt, this issuer), the credential's shape and
 * dates, then both status bits in the register's own status lists.
 */
@Injectable()
export class VerifyExtractUseCase {
  constructor(
    private readonly keyRing: ExtractKeyRing,
    private readonly statusLists: ExtractStatusLists,
  ) {}

  async execute(credential: string): Promise<ExtractVerificationV1> {
    const payload = await this.verifiedClaims(credential);
    if (typeof payload === 'string') return invalidExtract(payload);
    const checked = checkExtractCredential(payload, {
      issuer: this.keyRing.issuer,
      now: new Date(),
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
      statusListUrl: (listNumber, purpose) => this.statusLists.credentialUrl(listNumber, purpose),
    });
    if (!checked.ok) return invalidExtract(checked.reason);
    const { revocation, suspension } = checked.extract.status;
    const revocationBits = await this.statusLists.statusOf(revocation);
    const suspensionBits =
      suspension.listNumber === revocation.listNumber && suspension.index === revocation.index
        ? revocationBits
        : await this.statusLists.statusOf(suspension);
    return verificationAnswer(checked.extract.result, {
      revoked: revocationBits.revoked,
      suspended: suspensionBits.suspended,
    });
  }

  /** The claims of a credential whose signature, key, issuer and type hold; else why not. */
  private async verifiedClaims(credential: string): Promise<JWTPayload | string> {
    // Built per request from the key ring: the keys are few, and always the current ones.
    const keys = createLocalJWKSet(this.keyRing.publicJwks());
    try {
      const { payload } = await jwtVerify(credential, keys, {
        algorithms: ['EdDSA'],
        typ: 'vc+jwt',
        issuer: this.keyRing.issuer,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return payload;
    } catch (error) {
      const reason = joseFailureReason(error);
      if (reason === undefined) throw error;
      return reason;
    }
  }
}
