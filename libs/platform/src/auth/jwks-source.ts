import { createLocalJWKSet, createRemoteJWKSet } from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/load-config';
import type { AuthSettings } from './auth-settings';

/**
 * The issuer's public keys: read once from AUTH_JWKS_FILE, or fetched (and cached) from
 * AUTH_JWKS_URL; undefined when neither is set. A bad setting stops start-up.
 */
export function jwksFromSettings(settings: AuthSettings): JWTVerifyGetKey | undefined {
  const { AUTH_JWKS_FILE: file, AUTH_JWKS_URL: url } = settings;
  if (file && url) {
    throw new ConfigError(['AUTH_JWKS_FILE, AUTH_JWKS_URL: set one of them, not both']);
  }
  if (url) return createRemoteJWKSet(new URL(url));
  if (file) return createLocalJWKSet(readJwksFile(file));
  return undefined;
}

function readJwksFile(file: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([`AUTH_JWKS_FILE: cannot read a JSON file at ${file}: ${reason}`]);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new ConfigError([`AUTH_JWKS_FILE: ${file} is not a JWKS ({ "keys": [ … ] })`]);
  }
  // A private key here would mean the signing key was handed out where only the public one belongs.
  if (keys.some((key) => typeof key !== 'object' || key === null || 'd' in key)) {
    throw new ConfigError([`AUTH_JWKS_FILE: ${file} must hold public keys only`]);
  }
  return parsed as JSONWebKeySet;
}
