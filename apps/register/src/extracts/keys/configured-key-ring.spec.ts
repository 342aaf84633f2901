import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { ConfiguredKeyRing } from './configured-key-ring';
import type { SigningJwk } from './signing-key-set';

function signingJwk(kid?: string): SigningJwk {
  const { x, d } = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as {
    x: string;
    d: string;
  };
  return { kty: 'OKP', crv: 'Ed25519', x, d, ...(kid ? { kid } : {}) };
}

const ISSUER = 'https://register.example';

describe('ConfiguredKeyRing', () => {
  it('signs a VC-JWT with the first key: EdDSA, its kid, typ vc+jwt, the claims as given', async () => {
    const ring = await ConfiguredKeyRing.create([signingJwk('new'), signingJwk('old')], ISSUER);
    const claims = { '@context': ['https://www.w3.org/ns/credentials/v2'], issuer: ISSUER };
    const jwt = await ring.signVcJwt(claims);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: 'new', typ: 'vc+jwt' });
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(ring.publicJwks()), {
      typ: 'vc+jwt',
    });
    // No iat or exp of its own: the caller decides the claims.
    expect(payload).toEqual(claims);
  });

  it('publishes the public part of every key, current first, never a private part', async () => {
    const keys = [signingJwk('new'), signingJwk('old')];
    const ring = await ConfiguredKeyRing.create(keys, ISSUER);
    expect(ring.publicJwks()).toEqual({
      keys: keys.map(({ x, kid }) => ({
        kty: 'OKP',
        crv: 'Ed25519',
        x,
        kid,
        alg: 'EdDSA',
        use: 'sig',
      })),
    });
    expect(JSON.stringify(ring.publicJwks())).not.toMatch(/"d"/);
    expect(ring.currentKid).toBe('new');
    expect(ring.issuer).toBe(ISSUER);
  });

  it('names a key without kid by its RFC 7638 thumbprint', async () => {
    // RFC 8037, appendix A.3: the thumbprint of its Ed25519 example key.
    const rfcKey: SigningJwk = {
      kty: 'OKP',
      crv: 'Ed25519',
      d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    };
    const ring = await ConfiguredKeyRing.create([rfcKey], ISSUER);
    expect(ring.currentKid).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    expect(decodeProtectedHeader(await ring.signVcJwt({})).kid).toBe(ring.currentKid);
  });

  it('keeps verifying what an old key signed after a rotation puts a new key first', async () => {
    const old = signingJwk('old');
    const before = await ConfiguredKeyRing.create([old], ISSUER);
    const signedBefore = await before.signVcJwt({ n: 1 });
    const after = await ConfiguredKeyRing.create([signingJwk('new'), old], ISSUER);
    const jwks = createLocalJWKSet(after.publicJwks());
    await expect(jwtVerify(signedBefore, jwks)).resolves.toMatchObject({ payload: { n: 1 } });
    expect(decodeProtectedHeader(await after.signVcJwt({})).kid).toBe('new');
  });

  it('refuses two keys that end up with the same kid', async () => {
    const key = signingJwk();
    const { calculateJwkThumbprint } = await import('jose');
    const thumbprint = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: key.x });
    await expect(
      ConfiguredKeyRing.create([key, { ...signingJwk(), kid: thumbprint }], ISSUER),
    ).rejects.toThrow(/used by more than one key/);
  });

  it('refuses an empty key list', async () => {
    await expect(ConfiguredKeyRing.create([], ISSUER)).rejects.toThrow(/no extract signing key/);
  });
});
