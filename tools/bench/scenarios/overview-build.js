'use strict';
// Scenario `overview-build`: reporting's overview build of a period over a country's read
// model. Reporting starts alone (so its collections and indexes exist when the data
// arrives), the read model is seeded directly with the driver (lib/overview-seed.js: N
// result documents in the shape reporting stores, D deleted in the period, irreversible
// flags), then POST /v1/overviews/{period}/build is timed and its figures checked against
// the seed. Below the size (1,000,000 / 50,000 / 150) the JSON adds a linear
// extrapolation to it, stated as such.
const fs = require('node:fs');
const os = require('node:os');
const { performance } = require('node:perf_hooks');

const { Environment } = require('../lib/environment');
const { RssSampler, CpuMeter, cpuSeconds, machineBusyShare } = require('../lib/proc');
const { OverviewSeed } = require('../lib/overview-seed');
const { FULL_OVERVIEW } = require('../lib/goals');
const { round } = require('../lib/stats');
const { checkInterrupted, noop } = require('../lib/lifecycle');

const GOAL_SECONDS = 10;
const PROGRESS_MS = 5000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Inserts the seed in unordered batches, one in flight while the next is made; returns seconds. */
async function seedReadModel(db, seed, { results, batch, log, bench }) {
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
    checkInterrupted(bench);
    inFlight = (async () => {
      await resultsCollection.insertMany(resultBatch, { ordered: false });
      if (flagBatch.length) await flagsCollection.insertMany(flagBatch, { ordered: false });
      inserted += resultBatch.length;
    })();
    inFlight.catch(noop); // seen at the next await of inFlight
  };
  for (let i = 0; i < results; i++) {
    const made = seed.next(i);
    docs.push(made.result);
    if (made.flags.length) flags.push(...made.flags);
    if (docs.length === batch) await flush();
    const now = performance.now();
    if (now - lastLog >= PROGRESS_MS) {
      lastLog = now;
      log(
        `seeded ${inserted}/${results} results (${(inserted / ((now - started) / 1000)).toFixed(0)}/s)`,
      );
    }
  }
  if (docs.length) await flush();
  await inFlight;
  return (performance.now() - started) / 1000;
}

/** Waits until `pids` together use less than `share` of one core over a second (max `maxMs`). */
async function waitQuiet(pids, { share = 0.1, maxMs = 60_000, log, bench }) {
  const total = () => pids.reduce((acc, pid) => acc + (cpuSeconds(pid) ?? 0), 0);
  const started = Date.now();
  for (;;) {
    const before = total();
    await sleep(1000);
    checkInterrupted(bench);
    const used = total() - before;
    if (used < share || Date.now() - started > maxMs) {
      if (used >= share)
        log(`still busy after ${maxMs / 1000} s (${Math.round(used * 100)}% of a core): going on`);
      return (Date.now() - started) / 1000;
    }
  }
}

async function fetchJson(url, token, signal) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Polls the national overview until the build's last write made it appear; null when aborted. */
async function waitForBuild(url, period, token, signal) {
  while (!signal.aborted) {
    try {
      const national = await fetchJson(`${url}/v1/overviews/${period}`, token, signal);
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

async function overviewBuild({ bench, log, options }) {
  const { overviewResults: results, overviewDeletions: deletions, institutions, period } = options;
  const environment = new Environment(bench, 'overview', log);
  const abort = new AbortController();
  const onStop = setInterval(() => bench.stopping && abort.abort(), 200);
  try {
    await environment.prepare();
    if (options.cpuProfDir) fs.mkdirSync(options.cpuProfDir, { recursive: true });
    await environment.start(
      { reporting: 1 },
      {
        env: { REPORTING_BUILD_SCHEDULE: 'false' },
        logsDir: options.logsDir,
        logLevel: options.logsDir ? 'info' : 'warn',
        // NODE_OPTIONS does not take --cpu-prof; the profile is written when reporting exits.
        nodeArgs: options.cpuProfDir
          ? { reporting: ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] }
          : {},
      },
    );
    const token = await environment.token({ role: 'ops', sub: 'bench-overview' });
    const { url, proc } = environment.processes[0];
    const reportingPid = proc.pid;
    const ferretPid = environment.ferretPid;

    const seed = new OverviewSeed({ results, deletions, institutions, period });
    log(
      `seeding ${results} results (${deletions} deleted in ${period}) over ${institutions} institutions, ` +
        `${options.seedBatch} per insertMany`,
    );
    const seedSeconds = await seedReadModel(environment.db('reporting'), seed, {
      results,
      batch: options.seedBatch,
      log,
      bench,
    });
    const { expected } = seed;
    log(
      `seeded in ${seedSeconds.toFixed(1)} s (${Math.round(results / seedSeconds)}/s): ` +
        `${expected.registered} registered and ${expected.deleted} deleted in the period, ` +
        `${expected.deletedEarlier} deleted earlier, ${expected.flags} irreversible flags`,
    );

    const quietAfter = await waitQuiet([reportingPid, ...(ferretPid ? [ferretPid] : [])], {
      log,
      bench,
    });
    log(`quiet after ${quietAfter.toFixed(0)} s`);
    const busyBefore = await machineBusyShare(2000);
    const loadBefore = os.loadavg()[0];
    log(
      `machine before the build: ${busyBefore === null ? '?' : Math.round(busyBefore * 100)}% busy, load ${loadBefore.toFixed(2)}`,
    );

    const rss = new RssSampler({ reporting: reportingPid }, 100);
    const cpu = new CpuMeter({
      reporting: [reportingPid],
      ...(ferretPid ? { ferretdb: [ferretPid] } : {}),
    });
    const limitSeconds = options.timeoutSeconds ?? Math.max(120, results / 1000);
    const timeout = setTimeout(() => abort.abort(), limitSeconds * 1000);
    const t0 = performance.now();
    const progress = setInterval(
      () =>
        log(
          `building… ${((performance.now() - t0) / 1000).toFixed(0)} s, reporting peak RSS ${rss.peakMb().reporting} MB`,
        ),
      PROGRESS_MS,
    );
    log(`POST /v1/overviews/${period}/build`);
    cpu.start();
    let summary = null;
    let error = null;
    let answeredBy = 'http';
    try {
      const response = await fetch(`${url}/v1/overviews/${period}/build`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        signal: abort.signal,
      });
      const text = await response.text();
      if (response.status === 201) summary = JSON.parse(text);
      else error = `the build was answered ${response.status}: ${text.slice(0, 500)}`;
    } catch (err) {
      checkInterrupted(bench);
      if (abort.signal.aborted) error = `no answer within ${limitSeconds} s`;
      else if (proc.running) {
        // Reporting closes a connection idle for 2 minutes: a longer build goes on without
        // its caller. It is done when the period's document appears (its last write).
        log(
          `the build request failed (${err.cause?.code ?? err.message}): waiting for the build to appear`,
        );
        answeredBy = 'polling';
        summary = await waitForBuild(url, period, token, abort.signal);
        if (!summary) error = `the build did not appear within ${limitSeconds} s`;
      } else error = `the build request failed: ${err.message}`;
    } finally {
      clearTimeout(timeout);
      clearInterval(progress);
    }
    const buildSeconds = (performance.now() - t0) / 1000;
    const usage = cpu.stop();
    const peakRssMb = rss.peakMb().reporting;
    rss.stop();

    const problems = error ? [error] : [];
    let national = null;
    if (summary) {
      const want = {
        registered: expected.registered,
        deleted: expected.deleted,
        institutions: Math.min(institutions, results),
      };
      for (const [key, value] of Object.entries(want)) {
        if (summary[key] !== value) problems.push(`${key}: built ${summary[key]}, seeded ${value}`);
      }
      try {
        national = await fetchJson(`${url}/v1/overviews/${period}`, token);
        const irreversible = Object.values(national.irreversibleDeliveries ?? {}).reduce(
          (a, b) => a + b,
          0,
        );
        if (national.fraudReports !== expected.fraudReports) {
          problems.push(
            `fraudReports: built ${national.fraudReports}, seeded ${expected.fraudReports}`,
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
    log(
      `CPU over the ${buildSeconds.toFixed(1)} s build (100% = one core): ` +
        Object.entries(usage.cpuSeconds)
          .map(([name, s]) => `${name} ${s} s (${Math.round((s / buildSeconds) * 100)}%)`)
          .join(', '),
    );
    environment.logOutputSummary();
    const ok = problems.length === 0;
    const isFull = results === FULL_OVERVIEW.results && deletions === FULL_OVERVIEW.deletions;
    const scale = FULL_OVERVIEW.results / results;
    const result = {
      scenario: 'overview-build',
      period,
      results,
      deletions,
      institutions,
      seedSeconds: round(seedSeconds, 1),
      seedDocumentsPerSecond: Math.round(results / seedSeconds),
      buildSeconds: round(buildSeconds, 2),
      buildServerSeconds: summary?.tookMs === undefined ? null : round(summary.tookMs / 1000, 2),
      answeredBy,
      resultsPerSecond: Math.round(results / buildSeconds),
      peakRssMb,
      cpuSeconds: usage.cpuSeconds,
      machineBusyShare: round(usage.machineBusyShare, 2),
      machineBusyBefore: round(busyBefore, 2),
      loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
      registered: summary?.registered ?? null,
      deleted: summary?.deleted ?? null,
      fraudReports: national?.fraudReports ?? null,
      database: environment.database,
      goalSeconds: GOAL_SECONDS,
      buildWithinGoal: ok && isFull ? buildSeconds <= GOAL_SECONDS : null,
      ...(isFull
        ? {}
        : {
            fullSize: {
              ...FULL_OVERVIEW,
              buildSeconds: round(buildSeconds * scale, 1),
              seedSeconds: round(seedSeconds * scale, 0),
              basis: `linear extrapolation (x${round(scale, 2)}) from the ${results} results that ran; not measured`,
            },
          }),
      complete: ok,
    };
    if (!ok) result.error = problems.slice(0, 5).join('; ');
    if (options.cpuProfDir)
      log(`reporting's CPU profile: ${options.cpuProfDir} (written when it stops)`);
    return result;
  } finally {
    clearInterval(onStop);
    abort.abort();
    await environment.dispose();
  }
}

module.exports = { overviewBuild };
