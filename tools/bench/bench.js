#!/usr/bin/env node
'use strict';
// `npm run bench`: every scenario of issue 7 in one run (docs/benchmark.md).
//
// Each scenario gets a fresh vhost, a fresh database and its own service processes
// (tools/bench/scenarios/*.js), prints one JSON line on stdout, and is torn down before the
// next. The last line is one JSON object with every scenario's figures and, per goal of the
// issue, the goal and whether it was met. Progress goes to stderr. Exit code 1 when a
// scenario did not complete.
const fs = require('node:fs');
const path = require('node:path');

const { parseArgs, USAGE } = require('./lib/args');
const { root, buildIfNeeded } = require('./lib/services');
const { stopOnSignals, noop } = require('./lib/lifecycle');
const { evaluateGoals } = require('./lib/goals');

const SCENARIO_MODULES = {
  'broker-ceiling': () => require('./scenarios/broker-ceiling').brokerCeiling,
  'mix-flat-out': () => require('./scenarios/mix-flat-out').mixFlatOut,
  'steady-200': () => require('./scenarios/steady-200').steady200,
  'batch-upload': () => require('./scenarios/batch-upload').batchUpload,
  'overview-build': () => require('./scenarios/overview-build').overviewBuild,
  'two-instances': () => require('./scenarios/two-instances').twoInstances,
};

const logFor = (name) => (msg) => process.stderr.write(`[bench${name ? `:${name}` : ''}] ${msg}\n`);
const log = logFor('');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bench's shared state: what a signal must clean up. */
const bench = { stopping: false, cleaning: null, environments: new Set(), helpers: new Set() };

function cleanup() {
  if (bench.cleaning) return bench.cleaning;
  bench.cleaning = (async () => {
    for (const helper of bench.helpers) {
      try {
        helper.kill('SIGTERM');
      } catch {
        // gone
      }
    }
    for (const environment of [...bench.environments]) await environment.dispose().catch(noop);
  })();
  return bench.cleaning;
}

stopOnSignals(bench, {
  cleanup,
  children: () => [...bench.environments].flatMap((e) => e.processes.map((p) => p.proc)),
  log,
});

/** A service that exits before it is ready may be mid-change by someone else: try once more. */
const isStartFailure = (err) => /exited before it was ready|not ready within/.test(err.message);

async function runScenario(name, options, figures) {
  const scenarioLog = logFor(name);
  const run = SCENARIO_MODULES[name]();
  for (let attempt = 1; ; attempt++) {
    try {
      return await run({ bench, log: scenarioLog, options, figures });
    } catch (err) {
      if (err.interrupted || bench.stopping) throw err;
      if (attempt === 1 && isStartFailure(err)) {
        scenarioLog(`${err.message.split('\n')[0]}: trying again in 15 s`);
        await sleep(15_000);
        continue;
      }
      scenarioLog(`failed: ${err.stack ?? err}`);
      return { scenario: name, complete: false, error: err.message.split('\n')[0] };
    }
  }
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const startedAt = new Date();
  const started = Date.now();
  log(`scenarios: ${options.scenarios.join(', ')}${options.quick ? ' (quick)' : ''}`);

  if (options.build) {
    try {
      await buildIfNeeded({ log, track: (child) => bench.helpers.add(child) });
    } catch (err) {
      if (bench.stopping) throw Object.assign(new Error('interrupted'), { interrupted: true });
      // Others may be changing the sources right now: measure the last good build.
      if (!fs.existsSync(path.join(root, 'dist', 'apps', 'register', 'src', 'main.js'))) throw err;
      log(`${err.message}: measuring dist/ as it is`);
    }
  }

  const figures = {};
  for (const name of options.scenarios) {
    const begun = Date.now();
    log(`--- ${name}`);
    const line = await runScenario(name, options, figures);
    line.scenarioSeconds = Math.round((Date.now() - begun) / 1000);
    figures[name] = line;
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }

  const goals = evaluateGoals(figures);
  const complete = Object.values(figures).every((f) => f.complete);
  const databases = [
    ...new Set(
      Object.values(figures)
        .map((f) => f.database)
        .filter(Boolean),
    ),
  ];
  const summary = {
    scenario: 'all',
    startedAt: startedAt.toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    quick: options.quick,
    database: databases.length === 1 ? databases[0] : databases,
    scenarios: figures,
    goals,
    complete,
  };
  for (const g of goals) {
    const verdict = g.met === null ? 'not judged' : g.met ? 'met' : 'NOT met';
    log(
      `goal ${g.goal} (${g.target}): ${verdict}, ${JSON.stringify(g.value)}${g.note ? ` (${g.note})` : ''}`,
    );
  }
  log(`done in ${summary.seconds} s`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return complete ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    if (err && err.interrupted) return; // the signal handler cleans up and exits
    log(`error: ${err && err.stack ? err.stack : err}`);
    await cleanup().catch(noop);
    if (!bench.stopping) process.exit(1);
  },
);
