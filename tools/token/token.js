#!/usr/bin/env node
'use strict';
// `npm run --silent token -- --role <role> [--institution <code>] [--sub <id>] [--ttl <seconds>]`:
// prints a bearer token for the local services, signed with the development key (made on
// first use in .data/dev-keys/; ROD_DEV_KEYS_DIR overrides the folder).
const path = require('node:path');
const { mintDevToken } = require('./mint');
const { USAGE, UsageError, parseTokenArgs } = require('./token-args');

const root = path.resolve(__dirname, '..', '..');

async function main() {
  const request = parseTokenArgs(process.argv.slice(2));
  if (request.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const token = await mintDevToken(root, request); // after the arguments: usage errors stay quick
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
