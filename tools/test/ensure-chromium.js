#!/usr/bin/env node
// Makes sure the browser the web-page tests drive is on this machine (docs STACK.md,
// "Browsers"): Debian's chromium at /usr/bin/chromium, or wherever CHROMIUM_PATH points.
// `npx playwright install` cannot download browsers here, so a fresh machine gets Debian's
// package: as root with apt-get, `apt-get install -y chromium` (after `apt-get update` when
// the package lists are stale). Anything else fails with what to do.
//
// Usage: node tools/test/ensure-chromium.js   (run by tools/test/run-all.js before the
// integration tests). Exit 0 when chromium is there, 1 when it is not and cannot be installed.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const DEFAULT_PATH = '/usr/bin/chromium';
const INSTALL_HINT = 'install it with apt-get install -y chromium';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function aptGet(args) {
  process.stdout.write(`$ apt-get ${args.join(' ')}\n`);
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** The decision, with the machine passed in so it can be exercised without one. */
function ensureChromium({
  env = process.env,
  isRoot = process.getuid?.() === 0,
  canInstall = hasCommand('apt-get'),
  exists = isExecutable,
  run = aptGet,
} = {}) {
  const custom = Boolean(env.CHROMIUM_PATH);
  const file = env.CHROMIUM_PATH || DEFAULT_PATH;
  if (exists(file)) return { ok: true, message: `chromium: ${file}` };
  if (custom) {
    return {
      ok: false,
      message: `CHROMIUM_PATH=${file} is not an executable: point it at chromium, or unset it and ${INSTALL_HINT}`,
    };
  }
  if (!isRoot || !canInstall) {
    const why = isRoot ? 'apt-get is not available' : 'not running as root';
    return {
      ok: false,
      message: `chromium is not installed at ${file} (${why}): ${INSTALL_HINT} (or set CHROMIUM_PATH)`,
    };
  }
  const installed =
    run(['install', '-y', 'chromium']) || (run(['update']) && run(['install', '-y', 'chromium']));
  if (!installed)
    return { ok: false, message: `apt-get could not install chromium: ${INSTALL_HINT}` };
  if (!exists(file)) {
    return { ok: false, message: `apt-get installed chromium, but ${file} is still missing` };
  }
  return { ok: true, message: `chromium: installed ${file}` };
}

if (require.main === module) {
  const { ok, message } = ensureChromium();
  (ok ? process.stdout : process.stderr).write(`${message}\n`);
  process.exit(ok ? 0 : 1);
}

module.exports = { ensureChromium };
