import type { JSONWebKeySet, JWK, JWTPayload, KeyLike } from 'jose';
import {
  calculateJwkThumbprint,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestTokenAlgorithm = 'EdDSA' | 'RS256';

/** Claims of a test token; `sub: null` leaves `sub` out, other members are added as they are. */
export interface TestTokenClaims {
  roles?: string[];
  institutionCode?: string;
  sub?: string | null;
  [claim: string]: unknown;
}

export interface TestTokenOptions {
  alg?: TestTokenAlgorithm;
  /** A jose time span ('5m') or seconds from now; null leaves `exp` out. Default 5 minutes. */
  expiresIn?: string | number | null;
  /** A jose time span or seconds from now: a token not valid yet. */
  notBefore?: string | number;
  issuer?: string;
  audience?: string;
  /** Issued two hours ago, expired an hour ago. */
  expired?: boolean;
  /** Overrides the signing key's `kid` in the header. */
  kid?: string;
}

interface SigningKey {
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
  kid: string;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const fromNow = (time: string | number): string | number =>
  typeof time === 'number' ? nowSeconds() + time : time;

/** A private Ed25519 JWK as the register's EXTRACT_SIGNING_KEYS_FILE holds it. */
export interface ExtractSigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
  kid: string;
}

/**
 * A token issuer for tests: real Ed25519 and RSA key pairs, the public JWKS in a temp
 * file (AUTH_JWKS_FILE), valid tokens, and hostile ones for security tests. It also keeps
 * the register's extract signing keys in a temp file (EXTRACT_SIGNING_KEYS_FILE).
 */
export class TestIssuer {
  static readonly ISSUER = 'rod-local';
  static readonly AUDIENCE = 'rod';

  private constructor(
    private readonly dir: string,
    readonly jwksFile: string,
    readonly jwks: JSONWebKeySet,
    private readonly keys: Record<TestTokenAlgorithm, SigningKey>,
    /** A key outside the JWKS, for forged signatures. */
    private readonly intruder: KeyLike,
    private readonly edPublicPem: string,
    /** The register's extract signing keys: the first signs. */
    private extractKeys: ExtractSigningJwk[],
    readonly extractKeysFile: string,
  ) {}

  /** The `kid`s of the extract signing keys, the current (signing) one first. */
  get extractKids(): string[] {
    return this.extractKeys.map((k) => k.kid);
  }

  static async create(): Promise<TestIssuer> {
    const keys = {
      EdDSA: await signingKey('EdDSA'),
      RS256: await signingKey('RS256'),
    };
    const jwks: JSONWebKeySet = { keys: [keys.EdDSA.publicJwk, keys.RS256.publicJwk] };
    const dir = await mkdtemp(join(tmpdir(), 'rod-test-issuer-'));
    const jwksFile = join(dir, 'jwks.json');
    await writeFile(jwksFile, JSON.stringify(jwks, null, 2));
    const intruder = (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey;
    const edPublicPem = await exportSPKI(keys.EdDSA.publicKey);
    const extractKeys = [await extractSigningKey()];
    const extractKeysFile = join(dir, 'extract-signing-keys.json');
    await writeExtractKeys(extractKeysFile, extractKeys);
    return new TestIssuer(
      dir,
      jwksFile,
      jwks,
      keys,
      intruder,
      edPublicPem,
      extractKeys,
      extractKeysFile,
    );
  }

  /** The settings a service needs to trust this issuer (and the register, to sign extracts). */
  env(): Record<string, string> {
    return {
      AUTH_JWKS_FILE: this.jwksFile,
      AUTH_ISSUER: TestIssuer.ISSUER,
      AUTH_AUDIENCE: TestIssuer.AUDIENCE,
      EXTRACT_SIGNING_KEYS_FILE: this.extractKeysFile,
    };
  }

  /**
   * A key rotation: a new extract signing key first in the file, the old ones kept after
   * it. Returns the new `kid`; the register signs with it once restarted.
   */
  async rotateExtractKeys(): Promise<string> {
    const key = await extractSigningKey();
    this.extractKeys = [key, ...this.extractKeys];
    await writeExtractKeys(this.extractKeysFile, this.extractKeys);
    return key.kid;
  }

  /** A token signed by this issuer (valid unless the options say otherwise). */
  async token(claims: TestTokenClaims, options: TestTokenOptions = {}): Promise<string> {
    const alg = options.alg ?? 'EdDSA';
    const key = this.keys[alg];
    return this.build(claims, options)
      .setProtectedHeader({ alg, kid: options.kid ?? key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  }

  /** `alg: none`, no signature. */
  unsignedToken(claims: TestTokenClaims): string {
    return new UnsecuredJWT(payloadOf(claims))
      .setIssuer(TestIssuer.ISSUER)
      .setAudience(TestIssuer.AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
  }

  /** Signed with a key outside the JWKS, under the `kid` of the issuer's Ed25519 key. */
  async forgedToken(claims: TestTokenClaims): Promise<string> {
    return this.build(claims, {})
      .setProtectedHeader({ alg: 'EdDSA', kid: this.keys.EdDSA.kid, typ: 'JWT' })
      .sign(this.intruder);
  }

  /** The algorithm-confusion attack: HS256 with the issuer's public key (PEM) as the secret. */
  async hs256Token(claims: TestTokenClaims): Promise<string> {
    return this.build(claims, {})
      .setProtectedHeader({ alg: 'HS256', kid: this.keys.EdDSA.kid, typ: 'JWT' })
      .sign(new TextEncoder().encode(this.edPublicPem));
  }

  /** Removes the temp JWKS file. */
  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private build(claims: TestTokenClaims, options: TestTokenOptions): SignJWT {
    const jwt = new SignJWT(payloadOf(claims))
      .setIssuer(options.issuer ?? TestIssuer.ISSUER)
      .setAudience(options.audience ?? TestIssuer.AUDIENCE);
    if (options.expired) {
      return jwt.setIssuedAt(nowSeconds() - 7200).setExpirationTime(nowSeconds() - 3600);
    }
    jwt.setIssuedAt();
    if (options.notBefore !== undefined) jwt.setNotBefore(fromNow(options.notBefore));
    if (options.expiresIn !== null) jwt.setExpirationTime(fromNow(options.expiresIn ?? '5m'));
    return jwt;
  }
}

/** The claims as a payload: `sub` defaults as the token command's do (`inst-<code>`, the role). */
function payloadOf({ sub, ...claims }: TestTokenClaims): JWTPayload {
  if (sub === null) return claims;
  const code = claims.institutionCode;
  const fallback = code ? `inst-${code}` : (claims.roles?.[0] ?? 'test-subject');
  return { ...claims, sub: sub ?? fallback };
}

async function extractSigningKey(): Promise<ExtractSigningJwk> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const { x, d } = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
  return { kty: 'OKP', crv: 'Ed25519', x: x!, d: d!, kid };
}

async function writeExtractKeys(file: string, keys: ExtractSigningJwk[]): Promise<void> {
  await writeFile(file, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
}

async function signingKey(alg: TestTokenAlgorithm): Promise<SigningKey> {
  const { privateKey, publicKey } =
    alg === 'EdDSA'
      ? await generateKeyPair('EdDSA', { crv: 'Ed25519' })
      : await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicKey, kid, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}
