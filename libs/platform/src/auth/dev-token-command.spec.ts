import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { JSONWebKeySet } from 'jose';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDevAuthKeys } from '../../../../tools/token/dev-keys';
import { BaseServiceConfig, loadConfig } from '../config/load-config';
import type { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

// `npm run token` (tools/token), run as a process against a temp key folder.
const repoRoot = resolve(__dirname, '../../../..');
const command = join(repoRoot, 'tools/token/token.js');

let keysDir: string;
const keysDirSetting = process.env.ROD_DEV_KEYS_DIR;

beforeAll(() => {
  keysDir = mkdtempSync(join(tmpdir(), 'rod-dev-keys-'));
  // For ensureDevAuthKeys in this process too: the repository's .data/ stays untouched.
  process.env.ROD_DEV_KEYS_DIR = keysDir;
});
afterAll(() => {
  if (keysDirSetting === undefined) delete process.env.ROD_DEV_KEYS_DIR;
  else process.env.ROD_DEV_KEYS_DIR = keysDirSetting;
  rmSync(keysDir, { recursive: true, force: true });
});

function runToken(args: string[]) {
  const run = spawnSync(process.execPath, [command, ...args], {
    env: { ...process.env, ROD_DEV_KEYS_DIR: keysDir },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function jwks(): JSONWebKeySet {
  return JSON.parse(readFileSync(join(keysDir, 'auth-jwks.json'), 'utf8')) as JSONWebKeySet;
}

describe('npm run token', () => {
  it.each<[string[], Principal, number]>([
    [
      ['--role', 'institution', '--institution', '21PA'],
      { subject: 'inst-21PA', roles: ['institution'], institutionCode: '21PA' },
      3600,
    ],
    [
      ['--role', 'student', '--sub', '123456782'],
      { subject: '123456782', roles: ['student'] },
      3600,
    ],
    [['--role', 'helpdesk'], { subject: 'helpdesk', roles: ['helpdesk'] }, 3600],
    [['--role', 'ops', '--ttl', '60'], { subject: 'ops', roles: ['ops'] }, 60],
  ])('%p prints a token the services accept', async (args, principal, ttl) => {
    const { status, stdout, stderr } = runToken(args);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = stdout.trim();

    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks()), {
      issuer: 'rod-local',
      audience: 'rod',
      algorithms: ['EdDSA'],
    });
    expect(protectedHeader.kid).toBe(jwks().keys[0].kid);
    expect(payload.exp! - payload.iat!).toBe(ttl);

    const verifier = new TokenVerifier(
      loadConfig(BaseServiceConfig, { AUTH_JWKS_FILE: join(keysDir, 'auth-jwks.json') }),
    );
    await expect(verifier.verify(token)).resolves.toEqual(principal);
  });

  it.each<[string, string[], RegExp]>([
    ['no role', [], /--role is required/],
    ['an unknown role', ['--role', 'admin'], /--role must be one of/],
    ['an institution without a code', ['--role', 'institution'], /needs --institution/],
    ['a code that is not BRIN', ['--role', 'institution', '--institution', '21pa'], /BRIN code/],
    ['a code for another role', ['--role', 'ops', '--institution', '21PA'], /only for/],
    ['an empty sub', ['--role', 'student', '--sub', ' '], /--sub must not be empty/],
    ['a zero ttl', ['--role', 'ops', '--ttl', '0'], /--ttl must be/],
    ['a ttl that is no number', ['--role', 'ops', '--ttl', '1h'], /--ttl must be/],
    ['an unknown option', ['--role', 'ops', '--admin'], /Unknown option/],
  ])('stops with a clear message on %s', (_, args, message) => {
    const { status, stdout, stderr } = runToken(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toContain('usage: npm run --silent token');
  });

  it('keeps one private key, readable by its owner only, and a public JWKS beside it', () => {
    const first = ensureDevAuthKeys(repoRoot);
    const privateKey = readFileSync(first.signingKeyFile, 'utf8');
    const second = ensureDevAuthKeys(repoRoot);

    expect(first.jwksFile).toBe(join(keysDir, 'auth-jwks.json'));
    expect(second).toEqual(first);
    expect(readFileSync(second.signingKeyFile, 'utf8')).toBe(privateKey);
    expect(statSync(first.signingKeyFile).mode & 0o777).toBe(0o600);
    const [key] = jwks().keys;
    expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    expect(key.kid).toBe((JSON.parse(privateKey) as { kid: string }).kid);
    expect(decodeProtectedHeader(runToken(['--role', 'ops']).stdout.trim()).kid).toBe(key.kid);
  });
});
