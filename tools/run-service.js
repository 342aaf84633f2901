#!/usr/bin/env node
// Runs one built service: `node tools/run-service.js register|propagation|reporting`.
// The build (`npm run build`) writes dist/; the @rod/* aliases resolve to the built libraries.
const path = require('node:path');
const fs = require('node:fs');
const tsconfigPaths = require('tsconfig-paths');

const services = ['register', 'propagation', 'reporting'];
const name = process.argv[2];
if (!services.includes(name)) {
  console.error(`usage: run-service.js ${services.join('|')}`);
  process.exit(2);
}
const dist = path.resolve(__dirname, '..', 'dist');
const main = path.join(dist, 'apps', name, 'src', 'main.js');
if (!fs.existsSync(main)) {
  console.error(`${main} is missing: run "npm run build" first`);
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
require(main);
