import { createPrivateKey, createPublicKey } from 'node:crypto';

/** A private Ed25519 JWK as configured (`kid` may be left out: it is then the RFC 7638 thumbprint). */
export interface SigningJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The public key, base64url. */
  x: string;
  /** The private key, base64url: never logged, never in an error. */
  d: string;
  kid?: string;
}

/** What the configured JSON holds: its keys, or why it cannot be used (never quoting it). */
export type SigningKeySetParse = { ok: true; keys: SigningJwk[] } | { ok: false; problem: string };

const ED25519_KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const isBase64UrlKey = (value: unknown): value is string =>
  typeof value === 'string' &&
  BASE64URL.test(value) &&
  Buffer.from(value, 'base64url').length === ED25519_KEY_BYTES;

/**
 * Reads `{ "keys": [ <private Ed25519 JWK>, … ] }`: every key an Ed25519 `OKP` key with its
 * private part `d` matching its public part `x`, `kid`s unique, no key twice. The first key
 * signs. Problems name a key by position (and `kid`); nothing of the text is repeated, since
 * it holds private keys.
 */
export function parseSigningKeySet(text: string): SigningKeySetParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's own message quotes the text: not repeated here.
    return { ok: false, problem: 'not JSON: expected { "keys": [ <private Ed25519 JWK>, … ] }' };
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (typeof parsed !== 'object' || Array.isArray(parsed) || !Array.isArray(keys)) {
    return { ok: false, problem: 'not a JSON object { "keys": [ <private Ed25519 JWK>, … ] }' };
  }
  if (keys.length === 0) return { ok: false, problem: 'no key in "keys": at least one is needed' };
  const read: SigningJwk[] = [];
  for (const [i, key] of keys.entries()) {
    const checked = checkKey(key, i + 1);
    if (typeof checked === 'string') return { ok: false, problem: checked };
    read.push(checked);
  }
  const twice = repeated(read.map((k) => k.x));
  if (twice !== undefined) {
    return { ok: false, problem: `key ${twice + 1} is listed more than once` };
  }
  const kids = read.map((k) => k.kid).filter((kid): kid is string => kid !== undefined);
  const kidTwice = repeated(kids);
  if (kidTwice !== undefined) {
    return { ok: false, problem: `kid "${kids[kidTwice]}" is used by more than one key` };
  }
  return { ok: true, keys: read };
}

/** The key, or what is wrong with it. */
function checkKey(key: unknown, position: number): SigningJwk | string {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    return `key ${position} is not a JSON object (a JWK)`;
  }
  const jwk = key as Record<string, unknown>;
  const kid = jwk.kid;
  if (kid !== undefined && (typeof kid !== 'string' || kid.trim() === '')) {
    return `key ${position}: kid must be a non-empty string`;
  }
  const name = kid === undefined ? `key ${position}` : `key ${position} (kid "${kid}")`;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    return `${name} is not an Ed25519 key: kty must be "OKP" and crv "Ed25519"`;
  }
  if (jwk.alg !== undefined && jwk.alg !== 'EdDSA') return `${name}: alg must be "EdDSA"`;
  if (jwk.use !== undefined && jwk.use !== 'sig') return `${name}: use must be "sig"`;
  if (jwk.d === undefined) return `${name} has no private part (d): a signing key is needed`;
  if (!isBase64UrlKey(jwk.d)) return `${name}: d is not a base64url Ed25519 private key`;
  if (!isBase64UrlKey(jwk.x)) return `${name}: x is not a base64url Ed25519 public key`;
  if (publicPartOf(jwk.d) !== jwk.x) {
    return `${name}: its public part (x) does not belong to its private part (d)`;
  }
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, ...(kid === undefined ? {} : { kid }) };
}

/** The public key `x` that belongs to the private key `d`. */
function publicPartOf(d: string): string | undefined {
  try {
    // Node needs an `x` to read a JWK; the one derived from `d` is what counts.
    const privateKey = createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d,
        x: Buffer.alloc(ED25519_KEY_BYTES).toString('base64url'),
      },
      format: 'jwk',
    });
    return createPublicKey(privateKey).export({ format: 'jwk' }).x;
  } catch {
    return undefined;
  }
}

/** The position of the first value that occurred before, if any. */
function repeated(values: string[]): number | undefined {
  const seen = new Set<string>();
  for (const [i, value] of values.entries()) {
    if (seen.has(value)) return i;
    seen.add(value);
  }
  return undefined;
}
