#!/usr/bin/env node
'use strict';
// `npm run --silent extract-key [-- [--rotate <file>|-] [--compact]]`: prints a private Ed25519
// JWK set for the register's EXTRACT_SIGNING_KEYS_FILE or EXTRACT_SIGNING_KEYS (docs/extracts.md).
//   no option         a set of one new key: to start with
//   --rotate <file>   a new key first, then every key of the set in <file> ("-": stdin): the
//                     new key signs from the next start, the old ones stay published
//   --compact         on one line, for an environment variable (.env)
// The output holds private keys: redirect it into a file of mode 0600 or a secret store.
const fs = require('node:fs');
const { createSigningKey } = require('./dev-keys');

const USAGE = [
  'usage: npm run --silent extract-key [-- [--rotate <keys.json>|-] [--compact]]',
  '  prints { "keys": [ <new private Ed25519 JWK> ] }',
  '  --rotate <file>  the new key first, then the keys of <file> (- reads stdin)',
  '  --compact        on one line, for an environment variable',
].join('\n');

class UsageError extends Error {}

function parseArgs(args) {
  const request = { rotate: null, compact: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--compact' && !request.compact) request.compact = true;
    else if (arg === '--rotate' && request.rotate === null && i + 1 < args.length) {
      request.rotate = args[(i += 1)];
    } else if (arg.startsWith('--rotate=') && request.rotate === null) {
      request.rotate = arg.slice('--rotate='.length);
    } else {
      throw new UsageError(`unexpected arguments: ${args.join(' ')}`);
    }
  }
  return request;
}

/** The keys of a current set; its text is never repeated in an error (it holds private keys). */
function currentKeys(source) {
  let text;
  try {
    text = fs.readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${source === '-' ? 'stdin' : source} (${error.code || 'error'})`);
  }
  let set;
  try {
    set = JSON.parse(text);
  } catch {
    set = undefined;
  }
  const keys = set && Array.isArray(set.keys) ? set.keys : null;
  const valid =
    keys &&
    keys.length > 0 &&
    keys.every((k) => k && k.kty === 'OKP' && k.crv === 'Ed25519' && k.x && k.d);
  if (!valid) {
    throw new Error(
      `${source === '-' ? 'stdin' : source} is not { "keys": [ <private Ed25519 JWK>, … ] }`,
    );
  }
  return keys;
}

function main() {
  const request = parseArgs(process.argv.slice(2));
  if (request.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const old = request.rotate === null ? [] : currentKeys(request.rotate);
  const keys = [createSigningKey(), ...old];
  const text = request.compact ? JSON.stringify({ keys }) : JSON.stringify({ keys }, null, 2);
  process.stdout.write(`${text}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`extract-key: ${error.message}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
