import { ConfigError, loadConfig } from '@rod/platform';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegisterConfig } from './register.config';

/** A private Ed25519 JWK as `npm run extract-key` makes one. */
function privateJwk(kid?: string): Record<string, string> {
  const { kty, crv, x, d } = generateKeyPairSync('ed25519').privateKey.export({
    format: 'jwk',
  }) as Record<string, string>;
  return { kty, crv, x, d, ...(kid ? { kid } : {}) };
}

const keySet = (...keys: unknown[]): string => JSON.stringify({ keys });
const withKeys = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  EXTRACT_SIGNING_KEYS: keySet(privateJwk('k1')),
  ...env,
});

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(RegisterConfig, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('RegisterConfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rod-register-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const keysFile = (content: string): string => {
    const file = join(dir, `keys-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content, { mode: 0o600 });
    return file;
  };

  it('defaults to port 3001, no user_id check, and itself on 127.0.0.1 as public URL', () => {
    expect(loadConfig(RegisterConfig, withKeys())).toMatchObject({
      REGISTER_PORT: 3001,
      REGISTER_REQUIRE_USER_ID: false,
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      publicUrl: 'http://127.0.0.1:3001',
    });
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('reads REGISTER_REQUIRE_USER_ID=%s as %s', (value, expected) => {
    expect(
      loadConfig(RegisterConfig, withKeys({ REGISTER_REQUIRE_USER_ID: value }))
        .REGISTER_REQUIRE_USER_ID,
    ).toBe(expected);
  });

  it.each([
    ['8081', 8081],
    ['65535', 65535],
  ])('reads REGISTER_PORT=%s', (value, expected) => {
    expect(loadConfig(RegisterConfig, withKeys({ REGISTER_PORT: value })).REGISTER_PORT).toBe(
      expected,
    );
  });

  it.each([
    [{ REGISTER_PORT: '8081' }, 'http://127.0.0.1:8081'],
    [{ REGISTER_PUBLIC_URL: 'https://register.example' }, 'https://register.example'],
    [{ REGISTER_PUBLIC_URL: 'https://register.example/' }, 'https://register.example'],
    [{ REGISTER_PUBLIC_URL: 'https://gateway.example/rod/' }, 'https://gateway.example/rod'],
    [{ REGISTER_PUBLIC_URL: 'http://register:3001', REGISTER_PORT: '9' }, 'http://register:3001'],
  ])('takes %p as public URL %s', (env, expected) => {
    expect(loadConfig(RegisterConfig, withKeys(env)).publicUrl).toBe(expected);
  });

  it('reads the signing keys from EXTRACT_SIGNING_KEYS_FILE', () => {
    const file = keysFile(keySet(privateJwk('new'), privateJwk('old')));
    const config = loadConfig(RegisterConfig, { EXTRACT_SIGNING_KEYS_FILE: file });
    expect(config.EXTRACT_SIGNING_KEYS_FILE).toBe(file);
    expect(config.EXTRACT_SIGNING_KEYS).toBeUndefined();
  });

  it('reads the signing keys from EXTRACT_SIGNING_KEYS, a key without kid included', () => {
    const secret = keySet(privateJwk());
    expect(loadConfig(RegisterConfig, { EXTRACT_SIGNING_KEYS: secret }).EXTRACT_SIGNING_KEYS).toBe(
      secret,
    );
  });

  it('refuses to start without a signing key, naming the setting and how to make a key', () => {
    const error = configError({});
    expect(error.problems).toEqual([expect.stringMatching(/^EXTRACT_SIGNING_KEYS_FILE: required/)]);
    expect(error.message).toContain('EXTRACT_SIGNING_KEYS');
    expect(error.message).toContain('npm run --silent extract-key');
  });

  it('refuses both settings at once', () => {
    const file = keysFile(keySet(privateJwk('a')));
    const error = configError({ EXTRACT_SIGNING_KEYS_FILE: file, ...withKeys() });
    expect(error.problems).toEqual([
      'EXTRACT_SIGNING_KEYS_FILE: set EXTRACT_SIGNING_KEYS_FILE or EXTRACT_SIGNING_KEYS, not both',
    ]);
  });

  it('names a file it cannot read', () => {
    const missing = join(dir, 'missing.json');
    expect(configError({ EXTRACT_SIGNING_KEYS_FILE: missing }).problems).toEqual([
      `EXTRACT_SIGNING_KEYS_FILE: cannot read ${missing} (ENOENT)`,
    ]);
  });

  const key = privateJwk('k');
  const other = privateJwk('o');
  const { d: _d, ...publicOnly } = key;
  it.each<[string, string, RegExp]>([
    ['not JSON', `{"keys":[{"d":"${key.d}"`, /not JSON/],
    ['a bare JWK', JSON.stringify(key), /not a JSON object \{ "keys"/],
    ['an array', JSON.stringify([key]), /not a JSON object \{ "keys"/],
    ['no key', keySet(), /no key in "keys"/],
    ['a public key', keySet(publicOnly), /key 1 \(kid "k"\) has no private part \(d\)/],
    ['an RSA key', keySet({ ...key, kty: 'RSA' }), /key 1 .* is not an Ed25519 key/],
    ['an X25519 key', keySet({ ...key, crv: 'X25519' }), /key 1 .* is not an Ed25519 key/],
    ['another alg', keySet({ ...key, alg: 'ES256' }), /alg must be "EdDSA"/],
    ['an encryption key', keySet({ ...key, use: 'enc' }), /use must be "sig"/],
    ['a short d', keySet({ ...key, d: key.d.slice(0, 20) }), /d is not a base64url/],
    ['a d of base64', keySet({ ...key, d: `${key.d.slice(0, 42)}+` }), /d is not a base64url/],
    ['a foreign x', keySet({ ...key, x: other.x }), /x\) does not belong to its private part/],
    ['an empty kid', keySet({ ...key, kid: ' ' }), /key 1: kid must be a non-empty string/],
    ['a numeric kid', keySet({ ...key, kid: 7 }), /key 1: kid must be a non-empty string/],
    ['a kid twice', keySet(key, { ...other, kid: 'k' }), /kid "k" is used by more than one key/],
    ['a key twice', keySet(key, { ...key, kid: 'k2' }), /key 2 is listed more than once/],
    ['a second bad key', keySet(key, { ...other, d: undefined }), /key 2 \(kid "o"\) has no/],
  ])('refuses a key set with %s, never quoting a private key', (_case, content, problem) => {
    for (const [setting, value] of [
      ['EXTRACT_SIGNING_KEYS', content],
      ['EXTRACT_SIGNING_KEYS_FILE', keysFile(content)],
    ]) {
      const error = configError({ [setting]: value });
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatch(new RegExp(`^${setting}: `));
      expect(error.problems[0]).toMatch(problem);
      expect(error.message).not.toContain(key.d.slice(0, 12));
      expect(error.message).not.toContain(other.d.slice(0, 12));
    }
  });

  it.each([
    ['REGISTER_PORT', 'http'],
    ['REGISTER_PORT', '0'],
    ['REGISTER_PORT', '70000'],
    ['REGISTER_REQUIRE_USER_ID', '0'],
    ['REGISTER_REQUIRE_USER_ID', 'FALSE'],
    ['AMQP_URL', 'localhost:5672'],
    ['REGISTER_PUBLIC_URL', 'register.example'],
    ['REGISTER_PUBLIC_URL', 'ftp://register.example'],
    ['REGISTER_PUBLIC_URL', 'https://register.example/?a=1'],
    ['REGISTER_PUBLIC_URL', 'https://register.example/#top'],
  ])('stops with a ConfigError naming %s when it is %p', (name, value) => {
    const error = configError(withKeys({ [name]: value }));
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) expect(problem).toMatch(new RegExp(`^${name}: `));
    expect(error.message).toContain(name);
  });
});
