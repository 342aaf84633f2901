#!/usr/bin/env node
'use strict';
// `npm run bench:overview`: the overview build of a period over a country's read model.
//
// Starts the built reporting service alone against a fresh RabbitMQ vhost and a fresh
// FerretDB (or MONGO_URL, with a database of its own that it drops at the end), seeds
// reporting's read model directly with the driver (N result documents in the shape reporting
// stores, D of them deleted in the period, irreversible flags for a share of those), then
// times POST /v1/overviews/{period}/build and checks its figures against what was seeded.
// Progress goes to stderr; stdout gets one JSON line (docs/benchmark.md).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { parseArgs: parseNodeArgs } = require('node:util');

const { root, buildIfNeeded, ServiceProcess, waitReady } = require('./lib/services');
const {
  releaseSharedResources,
  stopOnSignals,
  checkInterrupted: checkInterruptedOf,
  freshEmbeddedDatabase,
  freshVhost,
} = require('./lib/lifecycle');
const { RssSampler, CpuMeter, cpuSeconds, machineBusyShare } = require('./lib/proc');
const { OverviewSeed } = require('./lib/overview-seed');
const { databaseKind, dropDatabase } = require('./lib/database');

const log = (msg) => process.stderr.write(`[bench:overview] ${msg}\n`);
const noop = () => {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const GOAL_SECONDS = 10; // issue 7: 1,000,000 results, 50,000 deletions, 150 institutions
const PROGRESS_MS = 5000;

const USAGE = `usage: npm run bench:overview -- [options]

  --results N        result documents to seed (default 1000000)
  --deletions N      of those, deleted within the period (default 50000)
  --institutions N   institution codes to spread them over (default 150)
  --period P         the period to build, YYYY-05 or YYYY-11 (default 2026-11)
  --batch N          documents per insertMany while seeding (default 5000)
  --cpu-prof DIR     run reporting with --cpu-prof, its profile written to DIR at exit
  --logs DIR         also write reporting's output (LOG_LEVEL=info) to DIR/reporting.log
  --timeout S        give up on the build request after S seconds (default 900)
  --help             this text

Environment: AMQP_URL (base broker URL, default ${DEFAULT_AMQP_URL}; the broker must be
local, the vhost is made with rabbitmqctl), MONGO_URL (use that server instead of a fresh
embedded FerretDB; the database bench-overview-<ts> is dropped at the end).

stdout gets one JSON line; progress goes to stderr.`;

function count(name, text, min) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer of at least ${min}, not "${text}"`);
  }
  return value;
}

function parseArgs(argv) {
  const { values } = parseNodeArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      results: { type: 'string' },
      deletions: { type: 'string' },
      institutions: { type: 'string' },
      period: { type: 'string' },
      batch: { type: 'string' },
      'cpu-prof': { type: 'string' },
      logs: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const options = {
    results: values.results === undefined ? 1_000_000 : count('--results', values.results, 1),
    deletions: values.deletions === undefined ? 50_000 : count('--deletions', values.deletions, 0),
    institutions:
      values.institutions === undefined ? 150 : count('--institutions', values.institutions, 1),
    period: values.period ?? '2026-11',
    batch: values.batch === undefined ? 5000 : count('--batch', values.batch, 1),
    cpuProfDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
    logsDir: values.logs ?? null,
    timeoutSeconds: values.timeout === undefined ? 900 : count('--timeout', values.timeout, 1),
  };
  if (options.deletions > options.results) throw new Error('--deletions exceeds --results');
  if (!/^\d{4}-(05|11)$/.test(options.period)) {
    throw new Error(`--period must be YYYY-05 or YYYY-11, not "${options.period}"`);
  }
  return options;
}

const round = (value, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Number(value.toFixed(digits));

// ---------------------------------------------------------------- state and clean-up

const state = {
  stopping: false,
  cleaning: null,
  helpers: new Set(),
  service: null,
  ferret: null,
  client: null,
  vhost: null,
  tmpDirs: [],
  mongoUrl: null,
  dropDatabase: null,
  abort: new AbortController(),
};

function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    state.abort.abort();
    for (const helper of state.helpers) {
      try {
        helper.kill('SIGTERM');
      } catch {
        // gone
      }
    }
    if (state.service) {
      if (state.service.running) log('stopping reporting');
      await state.service.stop();
    }
    if (state.client) await state.client.close().catch(noop);
    if (state.dropDatabase && state.mongoUrl) {
      await dropDatabase(state.mongoUrl, state.dropDatabase, { log });
      log(`dropped database ${state.dropDatabase}`);
    }
    await releaseSharedResources(state, log);
  })();
  return state.cleaning;
}

stopOnSignals(state, { cleanup, children: () => [state.service], log });

function checkInterrupted() {
  checkInterruptedOf(state);
}

// ---------------------------------------------------------------- seeding

/**
 * Inserts the seed in unordered batches of `batch`, one batch in flight while the next is
 * made. Returns the seconds it took.
 */
async function seedReadModel(db, seed, { results, batch }) {
  const resultsCollection = db.collection('results');
  const flagsCollection = db.collection('irreversible_flags');
  const started = performance.now();
  let inserted = 0;
  let lastLog = started;
  let inFlight = Promise.resolve();
  let docs = [];
  let flags = [];
  const flush = async () => {
    const resultBatch = docs;
    const flagBatch = flags;
    docs = [];
    flags = [];
    await inFlight;
    checkInterrupted();
    inFlight = (async () => {
      await resultsCollection.insertMany(resultBatch, { ordered: false });
      if (flagBatch.length) await flagsCollection.insertMany(flagBatch, { ordered: false });
      inserted += resultBatch.length;
    })();
    // Never an unhandled rejection: the error is seen at the next await of inFlight.
    inFlight.catch(noop);
  };
  for (let i = 0; i < results; i++) {
    const made = seed.next(i);
    docs.push(made.result);
    if (made.flags.length) flags.push(...made.flags);
    if (docs.length === batch) await flush();
    const now = performance.now();
    if (now - lastLog >= PROGRESS_MS) {
      lastLog = now;
      const rate = inserted / ((now - started) / 1000);
      log(`seeded ${inserted}/${results} results (${rate.toFixed(0)}/s)`);
    }
  }
  if (docs.length) await flush();
  await inFlight;
  return (performance.now() - started) / 1000;
}

/** Waits until `pids` together use less than `share` of one core over a second (max `maxMs`). */
async function waitQuiet(pids, { share = 0.1, maxMs = 120_000 } = {}) {
  const total = () => pids.reduce((acc, pid) => acc + (cpuSeconds(pid) ?? 0), 0);
  const started = Date.now();
  for (;;) {
    const before = total();
    await sleep(1000);
    checkInterrupted();
    const used = total() - before;
    if (used < share) return (Date.now() - started) / 1000;
    if (Date.now() - started > maxMs) {
      log(`still busy after ${maxMs / 1000} s (${Math.round(used * 100)}% of a core): going on`);
      return (Date.now() - started) / 1000;
    }
  }
}

// ---------------------------------------------------------------- the run

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
  const started = Date.now();

  // 1. Prepare: dist/, keys and an ops token, broker vhost, database.
  await buildIfNeeded({ log, track: (child) => state.helpers.add(child) });
  checkInterrupted();
  const { freePort } = require('../dev/ferretdb');
  const { ensureRabbitmq, redactUrl } = require('../dev/rabbitmq');
  const { ensureDevAuthKeys } = require('../token/dev-keys');
  const { mintDevToken } = require('../token/mint');

  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rod-bench-overview-keys-'));
  state.tmpDirs.push(keysDir);
  const previousKeysDir = process.env.ROD_DEV_KEYS_DIR;
  process.env.ROD_DEV_KEYS_DIR = keysDir;
  let jwksFile;
  let token;
  try {
    ({ jwksFile } = ensureDevAuthKeys(root));
    token = await mintDevToken(root, { role: 'ops', sub: 'bench-overview', ttlSeconds: 24 * 3600 });
  } finally {
    if (previousKeysDir === undefined) delete process.env.ROD_DEV_KEYS_DIR;
    else process.env.ROD_DEV_KEYS_DIR = previousKeysDir;
  }

  const baseUrl = process.env.AMQP_URL || DEFAULT_AMQP_URL;
  await ensureRabbitmq(baseUrl, { log, start: false }); // reports a broker that is down
  checkInterrupted();
  const ts = Date.now();
  const amqpUrl = await freshVhost(state, baseUrl, `rod-bench-overview-${ts}`, log);
  checkInterrupted();

  let mongoUrl = process.env.MONGO_URL;
  const dbName = `bench-overview-${ts}`;
  if (mongoUrl) {
    log(`database: ${redactUrl(mongoUrl)} (MONGO_URL), database ${dbName}`);
    state.mongoUrl = mongoUrl;
    state.dropDatabase = dbName;
  } else {
    mongoUrl = await freshEmbeddedDatabase(state, 'rod-bench-overview', log);
  }
  checkInterrupted();
  const { MongoClient } = require('mongoose').mongo;
  state.client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  await state.client.connect();
  const db = state.client.db(dbName);
  const database = await databaseKind(db, { embedded: Boolean(state.ferret) });
  const ferretPid = state.ferret?.child.pid ?? null;

  // 2. Start reporting first: it makes its collections and indexes on the empty database,
  // so the seed arrives into indexed collections, as a year's events would.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (options.logsDir) fs.mkdirSync(options.logsDir, { recursive: true });
  if (options.cpuProfDir) fs.mkdirSync(options.cpuProfDir, { recursive: true });
  const env = {
    ...process.env,
    AMQP_URL: amqpUrl,
    MONGO_URL: mongoUrl,
    MONGO_DB: dbName,
    REPORTING_PORT: String(port),
    REPORTING_BUILD_SCHEDULE: 'false',
    LOG_LEVEL: options.logsDir ? 'info' : 'warn',
    HTTP_HOST: '127.0.0.1',
    AUTH_JWKS_FILE: jwksFile,
  };
  delete env.AUTH_JWKS_URL; // one issuer setting: the bench's key
  state.service = new ServiceProcess('reporting', env, {
    logFile: options.logsDir ? path.join(options.logsDir, 'reporting.log') : null,
    // NODE_OPTIONS does not take --cpu-prof; the profile is written when reporting exits.
    nodeArgs: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
  });
  const reportingPid = state.service.pid;
  log(`starting reporting (:${port}, pid ${reportingPid})`);
  await waitReady(
    { reporting: state.service },
    { reporting: url },
    {
      log,
      isStopping: () => state.stopping,
    },
  );
  checkInterrupted();

  // 3. Seed the read model.
  const seed = new OverviewSeed({
    results: options.results,
    deletions: options.deletions,
    institutions: options.institutions,
    period: options.period,
  });
  log(
    `seeding ${options.results} results (${options.deletions} deleted in ${options.period}) over ` +
      `${options.institutions} institutions, ${options.batch} per insertMany`,
  );
  const seedSeconds = await seedReadModel(db, seed, options);
  const { expected } = seed;
  log(
    `seeded in ${seedSeconds.toFixed(1)} s (${Math.round(options.results / seedSeconds)}/s): ` +
      `${expected.registered} registered and ${expected.deleted} deleted in the period, ` +
      `${expected.deletedEarlier} deleted earlier, ${expected.flags} irreversible flags`,
  );
  checkInterrupted();

  // 4. Build, once the database and reporting are quiet.
  const quietAfter = await waitQuiet([reportingPid, ...(ferretPid ? [ferretPid] : [])]);
  log(`quiet after ${quietAfter.toFixed(0)} s`);
  const busyBefore = await machineBusyShare(2000);
  const loadBefore = os.loadavg()[0];
  log(
    `machine before the build: ${busyBefore === null ? '?' : Math.round(busyBefore * 100)}% busy, load ${loadBefore.toFixed(2)}` +
      (busyBefore !== null && busyBefore > 0.2
        ? ' (other work on this machine slows the build)'
        : ''),
  );
  const rss = new RssSampler({ reporting: reportingPid }, 100);
  const cpu = new CpuMeter({
    reporting: [reportingPid],
    ...(ferretPid ? { ferretdb: [ferretPid] } : {}),
  });
  let t0 = performance.now();
  const timeout = setTimeout(() => state.abort.abort(), options.timeoutSeconds * 1000);
  const progress = setInterval(() => {
    const r = rss.peakMb().reporting;
    log(`building… ${((performance.now() - t0) / 1000).toFixed(0)} s, reporting peak RSS ${r} MB`);
  }, PROGRESS_MS);
  log(`POST /v1/overviews/${options.period}/build`);
  cpu.start();
  t0 = performance.now();
  let status = null;
  let summary = null;
  let error = null;
  let answeredBy = 'http';
  try {
    const response = await fetch(`${url}/v1/overviews/${options.period}/build`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: state.abort.signal,
    });
    status = response.status;
    const text = await response.text();
    if (status === 201) summary = JSON.parse(text);
    else error = `the build was answered ${status}: ${text.slice(0, 500)}`;
  } catch (err) {
    checkInterrupted();
    if (state.abort.signal.aborted) {
      error = `no answer within --timeout ${options.timeoutSeconds} s`;
    } else if (state.service.running) {
      // Reporting closes a connection idle for 2 minutes (and fetch gives up on headers
      // after 5): a longer build goes on without its caller. It is done when the period's
      // document appears, which its last write makes.
      log(
        `the build request failed (${err.cause?.code ?? err.message}): waiting for the build to appear`,
      );
      answeredBy = 'polling';
      summary = await waitForBuild(url, options.period, token, state.abort.signal);
      if (!summary) error = `the build did not appear within --timeout ${options.timeoutSeconds} s`;
    } else error = `the build request failed: ${err.message}`;
  }
  const buildSeconds = (performance.now() - t0) / 1000;
  const usage = cpu.stop();
  clearTimeout(timeout);
  clearInterval(progress);
  const peakRssMb = rss.peakMb().reporting;
  rss.stop();
  const loadAfter = os.loadavg()[0];

  // 5. Check the figures against the seed.
  const problems = [];
  if (error) problems.push(error);
  let national = null;
  if (summary) {
    const want = {
      registered: expected.registered,
      deleted: expected.deleted,
      institutions: Math.min(options.institutions, options.results),
    };
    for (const [key, value] of Object.entries(want)) {
      if (summary[key] !== value) problems.push(`${key}: built ${summary[key]}, seeded ${value}`);
    }
    try {
      const answer = await fetchJson(`${url}/v1/overviews/${options.period}`, token);
      national = answer;
      const irreversible = Object.values(answer.irreversibleDeliveries ?? {}).reduce(
        (a, b) => a + b,
        0,
      );
      if (answer.fraudReports !== expected.fraudReports) {
        problems.push(
          `fraudReports: built ${answer.fraudReports}, seeded ${expected.fraudReports}`,
        );
      }
      if (irreversible !== expected.irreversibleDeliveries) {
        problems.push(
          `irreversibleDeliveries: built ${irreversible}, seeded ${expected.irreversibleDeliveries}`,
        );
      }
    } catch (err) {
      problems.push(`reading the national overview failed: ${err.message}`);
    }
  }
  for (const p of problems) log(`problem: ${p}`);
  const cpuSec = usage.cpuSeconds;
  log(
    `CPU over the ${buildSeconds.toFixed(1)} s build (100% = one core): ` +
      Object.entries(cpuSec)
        .map(([name, s]) => `${name} ${s} s (${Math.round((s / buildSeconds) * 100)}%)`)
        .join(', ') +
      `; machine ${usage.machineBusyShare === null ? '?' : Math.round(usage.machineBusyShare * 100)}% busy`,
  );
  const { levels, top } = state.service.summary();
  log(`reporting output: ${levels}${top.length ? `; ${top.join('; ')}` : ''}`);

  const ok = problems.length === 0;
  const result = {
    scenario: 'overview-build',
    period: options.period,
    results: options.results,
    deletions: options.deletions,
    institutions: options.institutions,
    seedSeconds: round(seedSeconds, 1),
    seedDocumentsPerSecond: Math.round(options.results / seedSeconds),
    buildSeconds: round(buildSeconds, 2),
    buildServerSeconds: summary?.tookMs === undefined ? null : round(summary.tookMs / 1000, 2),
    answeredBy,
    resultsPerSecond: Math.round(options.results / buildSeconds),
    peakRssMb,
    cpuSeconds: cpuSec,
    machineBusyShare: round(usage.machineBusyShare, 2),
    machineBusyBefore: round(busyBefore, 2),
    loadAverage: { before: round(loadBefore, 2), after: round(loadAfter, 2) },
    registered: summary?.registered ?? null,
    deleted: summary?.deleted ?? null,
    fraudReports: national?.fraudReports ?? null,
    database,
    goalSeconds: GOAL_SECONDS,
    buildWithinGoal: ok && buildSeconds <= GOAL_SECONDS,
    complete: ok,
  };
  if (!ok) result.error = problems.slice(0, 5).join('; ');
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await cleanup();
  if (options.cpuProfDir) log(`reporting's CPU profile: ${options.cpuProfDir}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return ok ? 0 : 1;
}

/**
 * Polls the national overview of `period` until it exists (the build's final write); its
 * figures stand for the build's answer. Null when `signal` aborts first.
 */
async function waitForBuild(url, period, token, signal) {
  while (!signal.aborted) {
    try {
      const national = await fetchJson(`${url}/v1/overviews/${period}`, token);
      return {
        registered: national.registered,
        deleted: national.deleted,
        institutions: national.institutions.length,
      };
    } catch {
      await sleep(200);
    }
  }
  return null;
}

async function fetchJson(url, token) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

main().then(
  (code) => process.exit(code),
  async (err) => {
    if (err && err.interrupted) return; // the signal handler cleans up and exits
    log(`error: ${err && err.stack ? err.stack : err}`);
    await cleanup().catch(noop);
    if (!state.stopping) process.exit(1);
  },
);
