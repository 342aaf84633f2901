import type { KeyLike } from 'jose';
import { SignJWT, calculateJwkThumbprint, importJWK } from 'jose';
import type { PublicJwk } from '../extract-ports';
import { ExtractKeyRing } from '../extract-ports';
import type { SigningJwk } from './signing-key-set';

interface RingKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
  publicJwk: PublicJwk;
}

/**
 * The extract signing keys from configuration: the first key signs, every key's public
 * part is published. A rotation is a restart with a new key first and the old ones kept.
 */
export class ConfiguredKeyRing extends ExtractKeyRing {
  private constructor(
    private readonly issuerUrl: string,
    private readonly keys: RingKey[],
  ) {
    super();
  }

  /**
   * Imports the keys (already checked by parseSigningKeySet); a key without `kid` gets its
   * RFC 7638 thumbprint. Throws when two keys end up with the same `kid`.
   */
  static async create(keys: SigningJwk[], issuer: string): Promise<ConfiguredKeyRing> {
    if (keys.length === 0) throw new Error('no extract signing key');
    const ring: RingKey[] = [];
    for (const key of keys) {
      const { kty, crv, x, d } = key;
      const kid = key.kid ?? (await calculateJwkThumbprint({ kty, crv, x }, 'sha256'));
      if (ring.some((k) => k.kid === kid)) {
        throw new Error(`extract signing keys: kid "${kid}" is used by more than one key`);
      }
      const privateKey = await importJWK({ kty, crv, x, d }, 'EdDSA');
      ring.push({ kid, privateKey, publicJwk: { kty, crv, x, kid, alg: 'EdDSA', use: 'sig' } });
    }
    return new ConfiguredKeyRing(issuer, ring);
  }

  get issuer(): string {
    return this.issuerUrl;
  }

  /** The `kid` of the key that signs now. */
  get currentKid(): string {
    return this.keys[0].kid;
  }

  publicJwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk })) };
  }

  signVcJwt(claims: Record<string, unknown>): Promise<string> {
    const current = this.keys[0];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid: current.kid, typ: 'vc+jwt' })
      .sign(current.privateKey);
  }
}
