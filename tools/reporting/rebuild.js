#!/usr/bin/env node
'use strict';
// `npm run reporting:rebuild -- [--from <date>] [--periods 2026-05,2026-11]`: rebuilds
// reporting's read model from the register's history and builds the overviews again
// (apps/reporting/README.md). Runs the built code (`npm run build` first). Without
// ROD_OPS_TOKEN it signs an ops token with the local development key, as `npm start` trusts.
const path = require('node:path');
const { builtFile } = require('../dist-aliases');

const root = path.resolve(__dirname, '..', '..');

/** The local development key's minter; not in the production image, where a token is required. */
function developmentMinter() {
  try {
    return require('../token/mint').mintDevToken;
  } catch {
    throw new Error('ROD_OPS_TOKEN is not set: give a bearer token with the role ops');
  }
}

async function main() {
  if (!process.env.ROD_OPS_TOKEN) {
    const mintDevToken = developmentMinter();
    process.env.ROD_OPS_TOKEN = await mintDevToken(root, {
      role: 'ops',
      sub: 'reporting-rebuild',
      ttlSeconds: 3600,
    });
  }
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  require(builtFile(path.join('apps', 'reporting', 'src', 'rebuild', 'rebuild.main.js')));
}

main().catch((error) => {
  process.stderr.write(
    `reporting:rebuild: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
