'use strict';
// The local development token issuer's key: an Ed25519 key pair made on first use, kept in
// .data/dev-keys/ (git-ignored), or in ROD_DEV_KEYS_DIR when set (tests). `npm start` gives
// the services the public JWKS (AUTH_JWKS_FILE); `npm run token` signs with the private key.
// The same folder keeps the register's development extract signing keys
// (EXTRACT_SIGNING_KEYS_FILE), a separate key: extracts are not bearer tokens.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const DEV_ISSUER = 'rod-local';
const DEV_AUDIENCE = 'rod';
const SIGNING_KEY_FILE = 'auth-signing-key.json';
const JWKS_FILE = 'auth-jwks.json';
const EXTRACT_KEYS_FILE = 'extract-signing-keys.json';

function devKeysDir(rootDir) {
  return process.env.ROD_DEV_KEYS_DIR || path.join(rootDir, '.data', 'dev-keys');
}

/** RFC 7638 thumbprint of an OKP key: its required members in lexical order. */
function thumbprint({ crv, kty, x }) {
  return crypto.createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
}

/** A new private Ed25519 JWK, its `kid` the RFC 7638 thumbprint. */
function createSigningKey() {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const { kty, crv, x, d } = privateKey.export({ format: 'jwk' });
  return { kty, crv, x, d, kid: thumbprint({ crv, kty, x }), alg: 'EdDSA', use: 'sig' };
}

function publicJwks({ kty, crv, x, kid, alg, use }) {
  return { keys: [{ kty, crv, x, kid, alg, use }] };
}

function readSigningKey(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  }
  let key;
  try {
    key = JSON.parse(text);
  } catch {
    key = undefined;
  }
  const valid =
    key &&
    key.kty === 'OKP' &&
    key.crv === 'Ed25519' &&
    key.d &&
    key.x &&
    key.kid === thumbprint(key);
  if (!valid) {
    throw new Error(
      `${file} is not an Ed25519 private JWK; delete it to make a new development key`,
    );
  }
  return key;
}

/** Writes a file under a temporary name and moves it in place, so no reader sees half of it. */
function writeAtomically(file, content, mode) {
  const temp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  fs.writeFileSync(temp, content, { mode });
  fs.renameSync(temp, file);
}

/** Creates the file only if it does not exist yet; false when another process was first. */
function createExclusively(file, content, mode) {
  const temp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  fs.writeFileSync(temp, content, { mode });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Makes sure the development signing key and its public JWKS exist; returns their paths.
 * Safe to call from several processes at once: the first one's key wins.
 */
function ensureDevAuthKeys(rootDir) {
  const keysDir = devKeysDir(rootDir);
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const signingKeyFile = path.join(keysDir, SIGNING_KEY_FILE);
  const jwksFile = path.join(keysDir, JWKS_FILE);

  let key = readSigningKey(signingKeyFile);
  if (!key) {
    const created = createSigningKey();
    const text = `${JSON.stringify(created, null, 2)}\n`;
    key = createExclusively(signingKeyFile, text, 0o600) ? created : readSigningKey(signingKeyFile);
  }
  const jwks = `${JSON.stringify(publicJwks(key), null, 2)}\n`;
  let current;
  try {
    current = fs.readFileSync(jwksFile, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== jwks) writeAtomically(jwksFile, jwks, 0o644);
  return { jwksFile, signingKeyFile, keysDir };
}

/** Whether a file holds `{ "keys": [ … ] }` of private Ed25519 JWKs (a quick check; the register checks fully). */
function isExtractKeySet(text) {
  let set;
  try {
    set = JSON.parse(text);
  } catch {
    return false;
  }
  return (
    Array.isArray(set && set.keys) &&
    set.keys.length > 0 &&
    set.keys.every((k) => k && k.kty === 'OKP' && k.crv === 'Ed25519' && k.x && k.d)
  );
}

/**
 * Makes sure the register's development extract signing keys exist (a key set of one new
 * Ed25519 key, mode 0600) and returns the file's path, for EXTRACT_SIGNING_KEYS_FILE. A file
 * that is there is kept as it is (a local rotation puts a new key first in it). Safe to call
 * from several processes at once: the first one's key wins.
 */
function ensureDevExtractKeys(rootDir) {
  const keysDir = devKeysDir(rootDir);
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  const file = path.join(keysDir, EXTRACT_KEYS_FILE);
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    const created = `${JSON.stringify({ keys: [createSigningKey()] }, null, 2)}\n`;
    if (createExclusively(file, created, 0o600)) return file;
    text = fs.readFileSync(file, 'utf8');
  }
  if (!isExtractKeySet(text)) {
    throw new Error(
      `${file} is not a set of Ed25519 private JWKs; delete it to make a new development key`,
    );
  }
  return file;
}

/** The private JWK `npm run token` signs with (made on first use). */
function readDevSigningKey(rootDir) {
  const { signingKeyFile } = ensureDevAuthKeys(rootDir);
  return readSigningKey(signingKeyFile);
}

module.exports = {
  DEV_ISSUER,
  DEV_AUDIENCE,
  ensureDevAuthKeys,
  ensureDevExtractKeys,
  readDevSigningKey,
  devKeysDir,
  createSigningKey,
};
