#!/usr/bin/env node
'use strict';
// `npm run --silent token -- --role <role> [--institution <code>] [--sub <id>] [--ttl <seconds>]`:
// prints a bearer token for the local services, signed with the development key (made on
// first use in .data/dev-keys/; ROD_DEV_KEYS_DIR overrides the folder).
const path = require('node:path');
const { DEV_AUDIENCE, DEV_ISSUER, readDevSigningKey } = require('./dev-keys');
const { USAGE, UsageError, parseTokenArgs } = require('./token-args');

const root = path.resolve(__dirname, '..', '..');

async function main() {
  const request = parseTokenArgs(process.argv.slice(2));
  if (request.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { SignJWT, importJWK } = require('jose'); // after the arguments: usage errors stay quick
  const jwk = readDevSigningKey(root);
  const key = await importJWK(jwk, 'EdDSA');
  const claims = { roles: [request.role] };
  if (request.institutionCode) claims.institutionCode = request.institutionCode;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + request.ttlSeconds)
    .sign(key);
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`token: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
