'use strict';
// Makes the @rod/* aliases resolve to the built libraries in dist/ (written by `npm run build`).
const fs = require('node:fs');
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');

const dist = path.resolve(__dirname, '..', 'dist');

/** The built file `dist/<relative>`, with the aliases registered; exits when it is missing. */
function builtFile(relative) {
  const file = path.join(dist, relative);
  if (!fs.existsSync(file)) {
    console.error(`${file} is missing: run "npm run build" first`);
    process.exit(2);
  }
  tsconfigPaths.register({
    baseUrl: dist,
    paths: {
      '@rod/contracts': ['libs/contracts/src/index.js'],
      '@rod/messaging': ['libs/messaging/src/index.js'],
      '@rod/platform': ['libs/platform/src/index.js'],
    },
  });
  return file;
}

module.exports = { builtFile };
