import { Logger } from '@nestjs/common';
import { TestIssuer } from '@rod/testing';
import type { TestTokenClaims } from '@rod/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseServiceConfig, ConfigError, loadConfig } from '../config/load-config';
import { ProblemException } from '../http/problem.exception';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

const institution: TestTokenClaims = { roles: ['institution'], institutionCode: '21PA' };

let issuer: TestIssuer;
let verifier: TokenVerifier;

beforeAll(async () => {
  jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  issuer = await TestIssuer.create();
  verifier = new TokenVerifier(loadConfig(BaseServiceConfig, issuer.env()));
});

afterAll(async () => {
  await issuer.dispose();
  jest.restoreAllMocks();
});

/** The ProblemException verify() threw, or a failure when it let the token through. */
async function refusal(verifying: TokenVerifier, token: string): Promise<ProblemException> {
  const outcome = await verifying.verify(token).then(
    (principal) => new Error(`accepted as ${JSON.stringify(principal)}`),
    (error: unknown) => error,
  );
  if (!(outcome instanceof ProblemException)) throw outcome;
  return outcome;
}

describe('TokenVerifier', () => {
  it.each<[string, (i: TestIssuer) => Promise<string>, Principal]>([
    [
      'an EdDSA institution token',
      (i) => i.token(institution),
      { subject: 'inst-21PA', roles: ['institution'], institutionCode: '21PA' },
    ],
    [
      'an RS256 institution token',
      (i) => i.token(institution, { alg: 'RS256' }),
      { subject: 'inst-21PA', roles: ['institution'], institutionCode: '21PA' },
    ],
    [
      'a student token whose sub is the person number',
      (i) => i.token({ roles: ['student'], sub: '123456782' }),
      { subject: '123456782', roles: ['student'] },
    ],
    [
      'a token with two roles, one of them twice',
      (i) => i.token({ roles: ['helpdesk', 'ops', 'ops'], sub: 'desk-1' }),
      { subject: 'desk-1', roles: ['helpdesk', 'ops'] },
    ],
    [
      'a token that expired within the clock tolerance',
      (i) => i.token(institution, { expiresIn: -5 }),
      { subject: 'inst-21PA', roles: ['institution'], institutionCode: '21PA' },
    ],
  ])('accepts %s', async (_, make, principal) => {
    await expect(verifier.verify(await make(issuer))).resolves.toEqual(principal);
  });

  it.each<[string, (i: TestIssuer) => Promise<string> | string, RegExp]>([
    ['an expired token', (i) => i.token(institution, { expired: true }), /expired/],
    ['a token not valid yet', (i) => i.token(institution, { notBefore: 3600 }), /not valid yet/],
    ['a token without exp', (i) => i.token(institution, { expiresIn: null }), /expiry/],
    [
      'a token of another issuer',
      (i) => i.token(institution, { issuer: 'someone-else' }),
      /not issued by the issuer/,
    ],
    [
      'a token for another audience',
      (i) => i.token(institution, { audience: 'another-service' }),
      /audience/,
    ],
    ['an unsigned token (alg none)', (i) => i.unsignedToken(institution), /algorithm/],
    [
      'an HS256 token with the public key as its secret',
      (i) => i.hs256Token(institution),
      /algorithm/,
    ],
    ['a token with an unknown kid', (i) => i.token(institution, { kid: 'unknown' }), /key/],
    ['a forged signature under a known kid', (i) => i.forgedToken(institution), /signature/],
    ['a token without sub', (i) => i.token({ ...institution, sub: null }), /subject/],
    ['a token with an empty sub', (i) => i.token({ ...institution, sub: '' }), /subject/],
    ['a token without roles', (i) => i.token({ sub: 'someone' }), /no roles/],
    ['a token with an empty roles list', (i) => i.token({ roles: [] }), /no roles/],
    [
      'a token whose roles is a string',
      (i) => i.token({ roles: 'ops' as unknown as string[] }),
      /no roles/,
    ],
    ['a token with an unknown role', (i) => i.token({ roles: ['admin'] }), /unknown role/],
    [
      'a token with a known and an unknown role',
      (i) => i.token({ roles: ['student', 'root'] }),
      /unknown role/,
    ],
    [
      'an institution token without institutionCode',
      (i) => i.token({ roles: ['institution'], sub: 'inst-21PA' }),
      /must carry an institutionCode/,
    ],
    [
      'an institution token with a lower-case institutionCode',
      (i) => i.token({ roles: ['institution'], institutionCode: '21pa' }),
      /BRIN/,
    ],
    [
      'an institution token with a five-character institutionCode',
      (i) => i.token({ roles: ['institution'], institutionCode: '21PAX' }),
      /BRIN/,
    ],
    [
      'an institution token with a numeric institutionCode',
      (i) => i.token({ roles: ['institution'], institutionCode: 2100 as unknown as string }),
      /BRIN/,
    ],
    ['a string that is no JWT', () => 'not-a-token', /malformed/],
    ['a token of 10 kB', () => 'a'.repeat(10_000), /too long/],
  ])('refuses %s with a 401', async (_, make, detail) => {
    const error = await refusal(verifier, await make(issuer));
    expect(error.getStatus()).toBe(401);
    expect(error.problem).toMatchObject({
      type: 'https://rod.example/problems/invalid-token',
      title: 'Unauthorized',
      status: 401,
    });
    expect(error.problem.detail).toMatch(detail);
    expect(error.headers).toEqual({ 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  });

  describe('without an issuer', () => {
    it('refuses every token, and says so once in the log at start', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      warn.mockClear();
      const unconfigured = new TokenVerifier(loadConfig(BaseServiceConfig, {}));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(warn.mock.calls[0])).toContain('no token issuer is configured');

      const error = await refusal(unconfigured, await issuer.token(institution));
      expect(error.getStatus()).toBe(401);
      expect(error.problem.detail).toMatch(/No token issuer is configured/);
      expect(warn).toHaveBeenCalledTimes(1);
    });
  });

  describe('settings that stop start-up', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rod-jwks-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it.each<[string, () => Promise<Record<string, string>>, RegExp]>([
      [
        'both a JWKS file and a JWKS URL',
        () => Promise.resolve({ ...issuer.env(), AUTH_JWKS_URL: 'https://issuer.example/jwks' }),
        /not both/,
      ],
      [
        'a JWKS file that does not exist',
        () => Promise.resolve({ AUTH_JWKS_FILE: join(dir, 'missing.json') }),
        /cannot read/,
      ],
      [
        'a JWKS file that is not JSON',
        async () => {
          await writeFile(join(dir, 'text.json'), 'keys');
          return { AUTH_JWKS_FILE: join(dir, 'text.json') };
        },
        /cannot read/,
      ],
      [
        'a JSON file without keys',
        async () => {
          await writeFile(join(dir, 'empty.json'), '{"keys":[]}');
          return { AUTH_JWKS_FILE: join(dir, 'empty.json') };
        },
        /is not a JWKS/,
      ],
      [
        'a JWKS file holding a private key',
        async () => {
          const [key] = issuer.jwks.keys;
          await writeFile(
            join(dir, 'private.json'),
            JSON.stringify({ keys: [{ ...key, d: 'x' }] }),
          );
          return { AUTH_JWKS_FILE: join(dir, 'private.json') };
        },
        /public keys only/,
      ],
    ])('%s', async (_, env, message) => {
      const settings = loadConfig(BaseServiceConfig, await env());
      expect(() => new TokenVerifier(settings)).toThrow(ConfigError);
      expect(() => new TokenVerifier(settings)).toThrow(message);
    });
  });

  describe('with a JWKS URL', () => {
    let answer: { status: number; body: string };
    let url: string;
    const server = createServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });

    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('accepts a token signed with a key the URL serves', async () => {
      answer = { status: 200, body: JSON.stringify(issuer.jwks) };
      const remote = new TokenVerifier(loadConfig(BaseServiceConfig, { AUTH_JWKS_URL: url }));
      await expect(remote.verify(await issuer.token(institution))).resolves.toMatchObject({
        institutionCode: '21PA',
      });
    });

    it('answers 503, not 401, while the issuer cannot give its keys', async () => {
      answer = { status: 500, body: 'down' };
      const remote = new TokenVerifier(loadConfig(BaseServiceConfig, { AUTH_JWKS_URL: url }));
      const error = await refusal(remote, await issuer.token(institution));
      expect(error.getStatus()).toBe(503);
      expect(error.problem.type).toBe('https://rod.example/problems/issuer-unavailable');
      expect(error.headers).toEqual({ 'Retry-After': '30' });
    });
  });
});
