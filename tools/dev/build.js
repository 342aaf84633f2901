'use strict';
// Is dist/ current? Shared by `npm start` and `npm run bench`, which both build only when
// a source is newer than the last build.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const SERVICE_NAMES = ['register', 'propagation', 'reporting'];
const buildStamp = path.join(root, 'dist', '.build-stamp');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The newest build input: .ts under apps/ and libs/ (not tests), and the tsconfigs. */
function newestSource() {
  let newest = 0;
  let newestFile = null;
  const consider = (file) => {
    const m = mtime(file) || 0;
    if (m > newest) [newest, newestFile] = [m, file];
  };
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (entry.name.endsWith('.ts') && !/[.-]spec\.ts$/.test(entry.name)) {
        consider(full);
      }
    }
  };
  walk(path.join(root, 'apps'));
  walk(path.join(root, 'libs'));
  for (const f of ['tsconfig.base.json', 'tsconfig.build.json']) consider(path.join(root, f));
  return { newest, newestFile };
}

/**
 * When dist/ was last built: the stamp a successful build leaves (tsc writes output even
 * when it fails, so output files alone could make a failed build look current), else the
 * oldest service entry point; null when a service is not built at all.
 */
function builtAt() {
  const mains = SERVICE_NAMES.map((name) =>
    mtime(path.join(root, 'dist', 'apps', name, 'src', 'main.js')),
  );
  if (mains.includes(null)) return null;
  return mtime(buildStamp) ?? Math.min(...mains);
}

/** Records a successful build that started at `startedMs` (a file saved during it triggers the next). */
function markBuilt(startedMs) {
  fs.mkdirSync(path.dirname(buildStamp), { recursive: true });
  fs.writeFileSync(buildStamp, `${new Date(startedMs).toISOString()}\n`);
  fs.utimesSync(buildStamp, new Date(startedMs), new Date(startedMs));
}

module.exports = { newestSource, builtAt, markBuilt };
