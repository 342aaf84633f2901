#!/usr/bin/env node
// Runs one built service: `node tools/run-service.js register|propagation|reporting`.
// The build (`npm run build`) writes dist/; the @rod/* aliases resolve to the built libraries.
const path = require('node:path');
const { builtFile } = require('./dist-aliases');

const services = ['register', 'propagation', 'reporting'];
const name = process.argv[2];
if (!services.includes(name)) {
  console.error(`usage: run-service.js ${services.join('|')}`);
  process.exit(2);
}
require(builtFile(path.join('apps', name, 'src', 'main.js')));
