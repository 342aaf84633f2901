import type { JWK, JWTPayload, KeyLike } from 'jose';
import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { aRecord } from '../../results/domain/testing/records';
import type { PublicJwk, StatusPurpose, StatusSlot } from '../extract-ports';
import { ExtractKeyRing, ExtractStatusLists } from '../extract-ports';
import { extractCredential } from '../issue/domain/extract-credential';
import { VerifyExtractUseCase } from './verify-extract.use-case';

const ISSUER = 'https://register.example';
const KID = 'key-2026';

interface Keys {
  privateKey: KeyLike;
  publicKey: KeyLike;
  jwk: JWK;
}

const keyPair = async (): Promise<Keys> => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { privateKey, publicKey, jwk: await exportJWK(publicKey) };
};

/** The register's keys and lists as the use case sees them, with bits the test sets. */
class FakeKeyRing extends ExtractKeyRing {
  constructor(private readonly keys: Keys) {
    super();
  }
  get issuer(): string {
    return ISSUER;
  }
  publicJwks(): { keys: PublicJwk[] } {
    return { keys: [{ ...(this.keys.jwk as PublicJwk), kid: KID, alg: 'EdDSA', use: 'sig' }] };
  }
  signVcJwt(claims: Record<string, unknown>): Promise<string> {
    return sign(claims, this.keys.privateKey);
  }
}

class FakeStatusLists extends ExtractStatusLists {
  bits = { revoked: false, suspended: false };
  allocate(): Promise<StatusSlot> {
    return Promise.resolve({ listNumber: 1, index: 42 });
  }
  credentialUrl(listNumber: number, purpose: StatusPurpose): string {
    return `${ISSUER}/v1/status-lists/${listNumber}-${purpose}`;
  }
  statusOf(): Promise<{ revoked: boolean; suspended: boolean }> {
    return Promise.resolve(this.bits);
  }
}

const sign = (
  claims: Record<string, unknown>,
  key: KeyLike | Uint8Array,
  header: Record<string, unknown> = {},
): Promise<string> =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: KID, typ: 'vc+jwt', ...header })
    .sign(key);

const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...extractCredential({
    extractId: '0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
    issuer: ISSUER,
    issuedAt: new Date(Date.now() - 60_000).toISOString(),
    result: aRecord(),
    slot: { listNumber: 1, index: 42 },
    statusListUrl: (n, purpose) => `${ISSUER}/v1/status-lists/${n}-${purpose}`,
  }),
  ...overrides,
});

const tampered = (jwt: string): string => {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const claimsSet = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    credentialSubject: { programme: { examType: string } };
  };
  claimsSet.credentialSubject.programme.examType = 'master';
  return [header, Buffer.from(JSON.stringify(claimsSet)).toString('base64url'), signature].join(
    '.',
  );
};

describe('VerifyExtractUseCase', () => {
  let ours: Keys;
  let intruder: Keys;
  let lists: FakeStatusLists;
  let verifier: VerifyExtractUseCase;
  let genuine: string;

  beforeAll(async () => {
    ours = await keyPair();
    intruder = await keyPair();
  });

  beforeEach(async () => {
    lists = new FakeStatusLists();
    const ring = new FakeKeyRing(ours);
    verifier = new VerifyExtractUseCase(ring, lists);
    genuine = await ring.signVcJwt(claims());
  });

  it.each([
    [false, false, 'valid'],
    [true, false, 'revoked'],
    [false, true, 'suspended'],
    [true, true, 'revoked'],
  ] as const)(
    'a genuine extract with revoked %s, suspended %s is %s',
    async (revoked, suspended, status) => {
      lists.bits = { revoked, suspended };
      const answer = await verifier.execute(genuine);
      expect(answer).toMatchObject({ status, result: { resultId: '21PA-2026000123' } });
      expect(JSON.stringify(answer)).not.toContain('123456782');
    },
  );

  it.each<[string, () => Promise<string>, string]>([
    ['a tampered payload', () => Promise.resolve(tampered(genuine)), 'signature does not match'],
    [
      'another key under our kid',
      () => sign(claims(), intruder.privateKey),
      'signature does not match',
    ],
    ['an unknown kid', () => sign(claims(), intruder.privateKey, { kid: 'other' }), 'unknown kid'],
    [
      'alg none',
      () => Promise.resolve(new UnsecuredJWT(claims() as JWTPayload).encode()),
      'EdDSA only',
    ],
    [
      'HS256 with our public key as the secret',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: KID, typ: 'vc+jwt' })
          .sign(new TextEncoder().encode(await exportSPKI(ours.publicKey))),
      'EdDSA only',
    ],
    ['garbage', () => Promise.resolve('not-a-jwt'), 'not a well-formed JWT'],
    ['three parts of garbage', () => Promise.resolve('a.b.c'), 'not a well-formed JWT'],
    [
      'another issuer',
      () => sign(claims({ iss: 'https://evil.example' }), ours.privateKey),
      'issuer',
    ],
    [
      'a plain JWT (typ JWT)',
      () => sign(claims(), ours.privateKey, { typ: 'JWT' }),
      'typ must be vc+jwt',
    ],
    [
      'a signed JWT that is not a VC',
      () => sign({ iss: ISSUER, sub: 'someone' }, ours.privateKey),
      'not a verifiable credential',
    ],
    [
      'nbf in the future',
      () => sign(claims({ nbf: Math.floor(Date.now() / 1000) + 3600 }), ours.privateKey),
      'not valid yet',
    ],
    [
      'a status list elsewhere',
      () =>
        sign(
          claims({
            credentialStatus: (claims().credentialStatus as Record<string, unknown>[]).map((e) => ({
              ...e,
              statusListCredential: `https://evil.example/v1/status-lists/1-${String(e.statusPurpose)}`,
            })),
          }),
          ours.privateKey,
        ),
      'not this register',
    ],
  ])('%s is invalid', async (_name, make, reason) => {
    const answer = await verifier.execute(await make());
    expect(answer.status).toBe('invalid');
    expect(answer.result).toBeUndefined();
    expect(answer.reason).toContain(reason);
  });

  it('reads each bit from the entry of its purpose', async () => {
    const statusOf = jest.spyOn(lists, 'statusOf');
    const split = claims({
      credentialStatus: (claims().credentialStatus as Record<string, unknown>[]).map((e) =>
        e.statusPurpose === 'suspension'
          ? {
              ...e,
              statusListCredential: `${ISSUER}/v1/status-lists/2-suspension`,
              statusListIndex: '7',
            }
          : e,
      ),
    });
    await verifier.execute(await sign(split, ours.privateKey));
    expect(statusOf.mock.calls).toEqual([
      [{ listNumber: 1, index: 42 }],
      [{ listNumber: 2, index: 7 }],
    ]);
  });
});
