'use strict';
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureDevExtractKeys } = require('./dev-keys');

const command = path.join(__dirname, 'extract-key.js');

function run(args, input) {
  const result = spawnSync(process.execPath, [command, ...args], {
    encoding: 'utf8',
    input,
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Whether `d` is the private part of `x`, as Node reads the JWK. */
function isKeyPair({ x, d }) {
  const zero = Buffer.alloc(32).toString('base64url');
  const privateKey = crypto.createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d, x: zero },
    format: 'jwk',
  });
  return crypto.createPublicKey(privateKey).export({ format: 'jwk' }).x === x;
}

const thumbprint = ({ crv, kty, x }) =>
  crypto.createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');

let dir;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rod-extract-key-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run extract-key', () => {
  it('prints a key set of one new private Ed25519 key, kid its RFC 7638 thumbprint', () => {
    const { status, stdout, stderr } = run([]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const { keys } = JSON.parse(stdout);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(isKeyPair(keys[0])).toBe(true);
    expect(keys[0].kid).toBe(thumbprint(keys[0]));
    expect(JSON.parse(run([]).stdout).keys[0].x).not.toBe(keys[0].x);
  });

  it.each([['a file'], ['stdin']])(
    'rotates a set read from %s: the new key first, the old ones kept in order',
    (from) => {
      const current = JSON.parse(run([]).stdout);
      current.keys.push(JSON.parse(run([]).stdout).keys[0]);
      const file = path.join(dir, `current-${from}.json`);
      fs.writeFileSync(file, JSON.stringify(current));
      const { status, stdout } =
        from === 'a file'
          ? run(['--rotate', file])
          : run(['--rotate', '-'], JSON.stringify(current));
      expect(status).toBe(0);
      const { keys } = JSON.parse(stdout);
      expect(keys.slice(1)).toEqual(current.keys);
      expect(keys.map((k) => k.kid)).not.toContain(undefined);
      expect(new Set(keys.map((k) => k.kid)).size).toBe(3);
    },
  );

  it.each([
    ['not JSON', '{"keys": [{"d": "secret-part"'],
    ['a public key', JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'abc' }] })],
    ['no keys', JSON.stringify({ keys: [] })],
  ])('refuses to rotate %s, without repeating it', (_case, content) => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, content);
    const { status, stdout, stderr } = run(['--rotate', file]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/is not \{ "keys"/);
    expect(stderr).not.toContain('secret-part');
  });

  it('prints the set on one line with --compact, for an environment variable', () => {
    const { status, stdout } = run(['--compact']);
    expect(status).toBe(0);
    expect(stdout.trimEnd()).not.toContain('\n');
    expect(JSON.parse(stdout).keys).toHaveLength(1);
  });

  it.each([[['--keys', '3']], [['--rotate']], [['--compact', '--compact']]])(
    'refuses %p with its usage',
    (args) => {
      const { status, stdout, stderr } = run(args);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('usage: npm run --silent extract-key');
    },
  );
});

describe('ensureDevExtractKeys', () => {
  const keysDirSetting = process.env.ROD_DEV_KEYS_DIR;
  afterAll(() => {
    if (keysDirSetting === undefined) delete process.env.ROD_DEV_KEYS_DIR;
    else process.env.ROD_DEV_KEYS_DIR = keysDirSetting;
  });

  it('makes a development key set once (mode 0600) and keeps it afterwards', () => {
    process.env.ROD_DEV_KEYS_DIR = path.join(dir, 'dev-keys');
    const file = ensureDevExtractKeys('/nowhere');
    expect(file).toBe(path.join(dir, 'dev-keys', 'extract-signing-keys.json'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const first = fs.readFileSync(file, 'utf8');
    const { keys } = JSON.parse(first);
    expect(keys).toHaveLength(1);
    expect(isKeyPair(keys[0])).toBe(true);
    expect(ensureDevExtractKeys('/nowhere')).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
  });

  it('keeps a rotated development set as it is', () => {
    process.env.ROD_DEV_KEYS_DIR = path.join(dir, 'rotated');
    const file = ensureDevExtractKeys('/nowhere');
    const rotated = run(['--rotate', file]).stdout;
    fs.writeFileSync(file, rotated);
    ensureDevExtractKeys('/nowhere');
    expect(fs.readFileSync(file, 'utf8')).toBe(rotated);
  });

  it('refuses a damaged file instead of replacing a key silently', () => {
    process.env.ROD_DEV_KEYS_DIR = path.join(dir, 'damaged');
    fs.mkdirSync(process.env.ROD_DEV_KEYS_DIR, { recursive: true });
    fs.writeFileSync(path.join(process.env.ROD_DEV_KEYS_DIR, 'extract-signing-keys.json'), '{');
    expect(() => ensureDevExtractKeys('/nowhere')).toThrow(
      /delete it to make a new development key/,
    );
  });
});
