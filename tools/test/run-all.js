#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest. The integration and
// end-to-end suites start what they need themselves (the embedded database, a vhost of
// their own on the local RabbitMQ). Ends with one line: `tests: N passed, N failed`.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rod-test-'));
const totals = { passed: 0, failed: 0 };

function step(title, command, args) {
  process.stdout.write(`\n=== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      FORCE_COLOR: process.env.CI ? '0' : '1',
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`=== ${title}: FAILED after ${seconds}s\n`);
    return false;
  }
  process.stdout.write(`=== ${title}: ok (${seconds}s)\n`);
  return true;
}

function jestStep(title, config, extra = []) {
  const report = path.join(reportDir, `${path.basename(config, '.js')}.json`);
  const ok = step(title, bin('jest'), ['-c', config, '--json', `--outputFile=${report}`, ...extra]);
  if (fs.existsSync(report)) {
    const { numPassedTests, numFailedTests } = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += numPassedTests;
    totals.failed += numFailedTests;
  } else if (!ok) {
    totals.failed += 1;
  }
  return ok;
}

const steps = [
  () => step('format (prettier)', bin('prettier'), ['--check', '.']),
  // The module-boundary rule reads Nx's cached project graph and is skipped without one.
  () => step('project graph (for the module-boundary rule)', bin('nx'), ['show', 'projects']),
  () =>
    step('lint (eslint, type-aware, module boundaries)', bin('eslint'), [
      '.',
      '--max-warnings',
      '0',
    ]),
  () => step('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']),
  () => jestStep('unit tests', 'jest.unit.config.js'),
  () => step('build', bin('tsc'), ['-p', 'tsconfig.build.json']),
  () =>
    step('compose file against the Compose specification', process.execPath, [
      'tools/compose/check-compose.js',
    ]),
  () =>
    step('production dependencies (npm audit, high or critical)', process.execPath, [
      'tools/test/audit.js',
      '--if-reachable',
    ]),
  () =>
    step('browser for the page tests (chromium)', process.execPath, [
      'tools/test/ensure-chromium.js',
    ]),
  () =>
    jestStep('integration tests (RabbitMQ, embedded database)', 'jest.integration.config.js', [
      '--runInBand',
    ]),
  () =>
    jestStep('end-to-end tests (three services as processes)', 'jest.e2e.config.js', [
      '--runInBand',
    ]),
  () =>
    step('chaos, short (faults under load, reconciled)', process.execPath, [
      'tools/chaos/chaos.js',
      '--quick',
    ]),
];

let failed = false;
for (const run of steps) {
  if (!run()) {
    failed = true;
    break;
  }
}
fs.rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(failed ? 1 : 0);
