#!/usr/bin/env node
'use strict';
// `npm run bench:batch`: the register's streamed batch upload, memory included.
//
// Starts the built register service alone against a fresh RabbitMQ vhost and a fresh
// FerretDB, then streams N register-result lines (NDJSON, made lazily: the body is never
// held in memory) to POST /v1/institutions/21PA/results/batch and reads the streamed
// outcomes line by line. The register's resident memory is sampled every 500 ms. Progress
// goes to stderr; stdout gets one JSON line (see docs/batch-upload.md). Exits 1 when not
// every line got its outcome.
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');
const { performance } = require('node:perf_hooks');
const { TextDecoder, parseArgs: parseNodeArgs } = require('node:util');

const { root, buildIfNeeded, ServiceProcess, waitReady, httpText } = require('./lib/services');
const {
  releaseSharedResources,
  stopOnSignals,
  checkInterrupted: checkInterruptedOf,
  freshEmbeddedDatabase,
  freshVhost,
} = require('./lib/lifecycle');
const { randomBsn } = require('./lib/results');
const { cpuSeconds } = require('./lib/proc');
const { builtAt, newestSource } = require('../dev/build');

const log = (msg) => process.stderr.write(`[bench:batch] ${msg}\n`);
const noop = () => {};
const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const INSTITUTION = '21PA';
const SAMPLE_MS = 500;
const PROGRESS_MS = 5000;
const LINES_PER_CHUNK = 64; // lines per chunk of the request body (~16 KiB)

const USAGE = `usage: npm run bench:batch -- [options]

  --lines N            register-result lines to upload (default 100000)
  --invalid-every K    make every K-th line invalid (a BSN failing the 11-check);
                       0 = none (default)
  --timeout S          stop the upload after S seconds and report what was answered
                       (exit code 1); default: no limit
  --logs DIR           also write the register's output to DIR/register.log
  --help               this text

Environment: AMQP_URL (base broker URL, default ${DEFAULT_AMQP_URL}; the broker must be
local, the vhost is made with rabbitmqctl), MONGO_URL (use that server instead of a fresh
embedded FerretDB; the database bench-batch-<ts> is dropped at the end).

stdout gets one JSON line; progress goes to stderr.`;

function nonNegativeInt(name, text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, not "${text}"`);
  }
  return value;
}

function parseArgs(argv) {
  const { values } = parseNodeArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      lines: { type: 'string' },
      'invalid-every': { type: 'string' },
      logs: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const lines = values.lines === undefined ? 100_000 : nonNegativeInt('--lines', values.lines);
  if (lines < 1) throw new Error('--lines must be at least 1');
  return {
    lines,
    invalidEvery:
      values['invalid-every'] === undefined
        ? 0
        : nonNegativeInt('--invalid-every', values['invalid-every']),
    logsDir: values.logs ?? null,
    timeoutSeconds:
      values.timeout === undefined ? null : nonNegativeInt('--timeout', values.timeout) || null,
  };
}

const round = (value, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Number(value.toFixed(digits));

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function readVmRssKb(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- state and clean-up

const state = {
  stopping: false,
  cleaning: null,
  helpers: new Set(),
  service: null,
  ferret: null,
  vhost: null,
  tmpDirs: [],
  timers: new Set(),
  abort: new AbortController(),
  mongoUrl: null,
  dropDatabase: null,
};

function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    for (const timer of state.timers) clearInterval(timer);
    state.abort.abort();
    for (const helper of state.helpers) {
      try {
        helper.kill('SIGTERM');
      } catch {
        // gone
      }
    }
    if (state.service) {
      if (state.service.running) log('stopping register');
      await state.service.stop();
    }
    if (state.dropDatabase && state.mongoUrl) {
      try {
        const mongoose = require('mongoose');
        const connection = await mongoose
          .createConnection(state.mongoUrl, { serverSelectionTimeoutMS: 5000 })
          .asPromise();
        await connection.useDb(state.dropDatabase, { useCache: false }).dropDatabase();
        await connection.close();
      } catch (err) {
        log(`could not drop database ${state.dropDatabase}: ${err.message}`);
      }
    }
    await releaseSharedResources(state, log);
  })();
  return state.cleaning;
}

stopOnSignals(state, { cleanup, children: () => [state.service], log });

function checkInterrupted() {
  checkInterruptedOf(state);
}

function every(ms, fn) {
  const timer = setInterval(fn, ms);
  state.timers.add(timer);
  return () => {
    clearInterval(timer);
    state.timers.delete(timer);
  };
}

// ---------------------------------------------------------------- token and body

/** A bearer token for institution 21PA, from tools/token/token.js with the bench's keys. */
function institutionToken(keysDir) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        path.join(root, 'tools', 'token', 'token.js'),
        '--role',
        'institution',
        '--institution',
        INSTITUTION,
        '--ttl',
        String(24 * 3600),
      ],
      { cwd: root, env: { ...process.env, ROD_DEV_KEYS_DIR: keysDir }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`token.js failed: ${(stderr || error.message).trim()}`));
        else resolve(stdout.trim());
      },
    );
  });
}

/** A valid BSN made invalid: the check digit moved by one fails the 11-check. */
function invalidBsn() {
  const bsn = randomBsn();
  return `${bsn.slice(0, 8)}${(Number(bsn[8]) + 1) % 10}`;
}

/** Whether line n (1-based) of the upload is meant to be invalid. */
const isInvalidLine = (n, invalidEvery) => invalidEvery > 0 && n % invalidEvery === 0;

/** The upload's body, made as it is read: chunks of LINES_PER_CHUNK NDJSON lines. */
function* bodyChunks({ lines, invalidEvery, run }) {
  let chunk = '';
  for (let n = 1; n <= lines; n++) {
    const command = {
      institutionCode: INSTITUTION,
      resultSequence: `B${run}${n}`,
      person: { bsn: isInvalidLine(n, invalidEvery) ? invalidBsn() : randomBsn() },
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
      examDate: '2026-07-03',
      studyMode: 'full-time',
    };
    chunk += `${JSON.stringify(command)}\n`;
    if (n % LINES_PER_CHUNK === 0 || n === lines) {
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
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
  const N = options.lines;
  const started = Date.now();

  // 1. Prepare: dist/ (built only when missing), keys, broker vhost, database.
  if (!fs.existsSync(path.join(root, 'dist', 'apps', 'register', 'src', 'main.js'))) {
    await buildIfNeeded({ log, track: (child) => state.helpers.add(child) });
  } else {
    const built = builtAt();
    const { newest, newestFile } = newestSource();
    if (built !== null && built < newest) {
      log(
        `dist/ is older than ${path.relative(root, newestFile)}: measuring the built code as it is (npm run build refreshes it)`,
      );
    }
  }
  checkInterrupted();
  const { freePort } = require('../dev/ferretdb');
  const { ensureRabbitmq, redactUrl } = require('../dev/rabbitmq');
  const { ensureDevAuthKeys, ensureDevExtractKeys } = require('../token/dev-keys');

  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rod-bench-batch-keys-'));
  state.tmpDirs.push(keysDir);
  const previousKeysDir = process.env.ROD_DEV_KEYS_DIR;
  process.env.ROD_DEV_KEYS_DIR = keysDir;
  const { jwksFile } = ensureDevAuthKeys(root);
  const extractKeysFile = ensureDevExtractKeys(root);
  if (previousKeysDir === undefined) delete process.env.ROD_DEV_KEYS_DIR;
  else process.env.ROD_DEV_KEYS_DIR = previousKeysDir;
  const token = await institutionToken(keysDir);
  checkInterrupted();

  const baseUrl = process.env.AMQP_URL || DEFAULT_AMQP_URL;
  // Never starts a broker: one that is down is reported.
  await ensureRabbitmq(baseUrl, { log, start: false });
  checkInterrupted();
  const ts = Date.now();
  const amqpUrl = await freshVhost(state, baseUrl, `rod-bench-batch-${ts}`, log);
  checkInterrupted();

  let mongoUrl = process.env.MONGO_URL;
  const database = `bench-batch-${ts}`;
  if (mongoUrl) {
    log(`database: ${redactUrl(mongoUrl)} (MONGO_URL), database ${database}`);
    state.mongoUrl = mongoUrl;
    state.dropDatabase = database;
  } else {
    mongoUrl = await freshEmbeddedDatabase(state, 'rod-bench-batch', log);
  }
  checkInterrupted();

  // 2. Start the register alone.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (options.logsDir) fs.mkdirSync(options.logsDir, { recursive: true });
  const env = {
    ...process.env,
    AMQP_URL: amqpUrl,
    MONGO_URL: mongoUrl,
    MONGO_DB: database,
    REGISTER_PORT: String(port),
    LOG_LEVEL: 'warn',
    HTTP_HOST: '127.0.0.1',
    AUTH_JWKS_FILE: jwksFile,
    EXTRACT_SIGNING_KEYS_FILE: extractKeysFile,
  };
  delete env.AUTH_JWKS_URL; // one issuer setting: the bench's key
  delete env.EXTRACT_SIGNING_KEYS; // one extract key setting: the bench's
  state.service = new ServiceProcess('register', env, {
    logFile: options.logsDir ? path.join(options.logsDir, 'register.log') : null,
  });
  const registerPid = state.service.pid;
  const ferretPid = state.ferret?.child.pid ?? null;
  log(`starting register (:${port}, pid ${registerPid})`);
  await waitReady(
    { register: state.service },
    { register: url },
    {
      log,
      isStopping: () => state.stopping,
    },
  );
  checkInterrupted();

  // 3. Memory: VmRSS of the register and of the bench every 500 ms; the register's V8 heap
  // from its /metrics (prom-client's default metrics) every 5 s.
  const t0 = performance.now();
  const samples = []; // [tSec, registerRssMb, benchRssMb]
  const heapSamples = []; // [tSec, heapUsedMb]
  const sample = () => {
    const rss = readVmRssKb(registerPid);
    const own = readVmRssKb(process.pid) ?? process.memoryUsage.rss() / 1024;
    if (rss !== null) samples.push([(performance.now() - t0) / 1000, rss / 1024, own / 1024]);
  };
  let heapBusy = false;
  const sampleHeap = async () => {
    if (heapBusy) return;
    heapBusy = true;
    try {
      const { text } = await httpText(`${url}/metrics`, 2000);
      const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m.exec(text);
      if (match) heapSamples.push([(performance.now() - t0) / 1000, Number(match[1]) / 2 ** 20]);
    } catch {
      // no heap figure this time
    } finally {
      heapBusy = false;
    }
  };
  sample();
  await sampleHeap();
  const stopSampling = every(SAMPLE_MS, sample);
  const stopHeapSampling = every(PROGRESS_MS, () => void sampleHeap());
  const cpuAt = () => ({
    register: cpuSeconds(registerPid) ?? 0,
    ferretdb: ferretPid ? (cpuSeconds(ferretPid) ?? 0) : 0,
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });

  // 4. Upload, reading the outcomes as they stream back.
  const counts = { answered: 0, accepted: 0, rejected: 0, unexpected: 0 };
  const problems = [];
  const problem = (text) => {
    if (problems.length < 10) log(text);
    problems.push(text);
  };
  let summary = null;
  let streamError = null;
  const run = ts.toString(36);
  const body = Readable.from(bodyChunks({ lines: N, invalidEvery: options.invalidEvery, run }), {
    objectMode: false,
  });

  const uploadStart = performance.now();
  const cpuStart = cpuAt();
  let lastProgress = { at: uploadStart, answered: 0, cpu: cpuStart };
  const stopProgress = every(PROGRESS_MS, () => {
    const now = performance.now();
    const cpu = cpuAt();
    const dt = (now - lastProgress.at) / 1000;
    const pct = (name) => Math.round(((cpu[name] - lastProgress.cpu[name]) / dt) * 100);
    const rate = (counts.answered - lastProgress.answered) / dt;
    const mean = counts.answered / ((now - uploadStart) / 1000);
    const rss = samples.at(-1);
    log(
      `${counts.answered}/${N} lines answered (accepted ${counts.accepted}, rejected ${counts.rejected}), ` +
        `${rate.toFixed(0)} lines/s (mean ${mean.toFixed(0)}); register RSS ${rss ? rss[1].toFixed(0) : '?'} MB; ` +
        `CPU register ${pct('register')}%${ferretPid ? `, ferretdb ${pct('ferretdb')}%` : ''}, bench ${pct('bench')}%`,
    );
    lastProgress = { at: now, answered: counts.answered, cpu };
  });

  log(
    `uploading ${N} lines to POST /v1/institutions/${INSTITUTION}/results/batch` +
      (options.invalidEvery ? ` (1 line in ${options.invalidEvery} invalid)` : ''),
  );
  let httpStatus = null;
  let timedOut = false;
  const deadline = options.timeoutSeconds
    ? setTimeout(() => {
        timedOut = true;
        log(`--timeout ${options.timeoutSeconds} s: stopping the upload`);
        state.abort.abort();
      }, options.timeoutSeconds * 1000)
    : null;
  try {
    const response = await fetch(`${url}/v1/institutions/${INSTITUTION}/results/batch`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-ndjson',
        'idempotency-key': `bench-batch-${run}`,
      },
      body,
      duplex: 'half',
      signal: state.abort.signal,
    });
    httpStatus = response.status;
    if (response.status !== 200) {
      throw new Error(`the upload was answered ${response.status}: ${await response.text()}`);
    }
    const handle = (text) => {
      if (text.trim() === '') return;
      let entry;
      try {
        entry = JSON.parse(text);
      } catch {
        problem(`an answer line is not JSON: ${text.slice(0, 200)}`);
        return;
      }
      if (summary) problem(`an answer line after the summary: ${text.slice(0, 200)}`);
      if (entry.summary && entry.line === undefined) {
        if (entry.error) streamError = entry.error;
        summary = entry.summary;
        return;
      }
      if (entry.line !== counts.answered + 1) {
        problem(`outcome for line ${entry.line} where line ${counts.answered + 1} was due`);
      }
      counts.answered++;
      if (entry.status === 'accepted') counts.accepted++;
      else if (entry.status === 'rejected') counts.rejected++;
      else problem(`line ${entry.line}: unknown status ${entry.status}`);
      const meantInvalid = isInvalidLine(entry.line, options.invalidEvery);
      if ((entry.status === 'accepted') === meantInvalid) {
        counts.unexpected++;
        if (counts.unexpected <= 5) {
          problem(
            `line ${entry.line} was ${entry.status} though meant ${meantInvalid ? 'invalid' : 'valid'}: ${text.slice(0, 300)}`,
          );
        }
      }
    };
    const decoder = new TextDecoder();
    let rest = '';
    for await (const chunk of response.body) {
      rest += decoder.decode(chunk, { stream: true });
      let newline;
      while ((newline = rest.indexOf('\n')) >= 0) {
        handle(rest.slice(0, newline));
        rest = rest.slice(newline + 1);
      }
    }
    rest += decoder.decode();
    handle(rest);
  } catch (err) {
    checkInterrupted();
    streamError = timedOut
      ? `stopped by --timeout ${options.timeoutSeconds} s`
      : `${err.message}${err.cause ? ` (${err.cause.message ?? err.cause})` : ''}`;
    log(`the upload failed: ${streamError}`);
  }
  const uploadEnd = performance.now();
  if (deadline) clearTimeout(deadline);
  checkInterrupted();
  const cpuEnd = cpuAt();
  stopProgress();
  stopSampling();
  stopHeapSampling();
  sample();
  await sampleHeap();

  // 5. Check, summarise.
  const seconds = (uploadEnd - uploadStart) / 1000;
  if (!summary) problem(`no summary line${streamError ? ` (${streamError})` : ''}`);
  else {
    if (streamError) problem(`the register ended the stream with an error: ${streamError}`);
    for (const key of ['lines', 'accepted', 'rejected']) {
      const mine = key === 'lines' ? counts.answered : counts[key];
      if (summary[key] !== mine) problem(`summary ${key} ${summary[key]}, counted ${mine}`);
    }
  }
  if (counts.answered !== N) problem(`${counts.answered} of ${N} lines were answered`);
  if (counts.unexpected) problem(`${counts.unexpected} lines had an unexpected outcome`);
  const complete = counts.answered === N && summary !== null && !streamError;

  const during = samples.filter(([t]) => t >= (uploadStart - t0) / 1000);
  const rssSorted = during.map((s) => s[1]).sort((a, b) => a - b);
  const registerRssMb = {
    start: round(samples[0]?.[1]),
    peak: round(rssSorted.at(-1)),
    end: round(samples.at(-1)?.[1]),
    p50: round(percentile(rssSorted, 50)),
  };
  const benchRss = samples.map((s) => s[2]);
  const heapDuring = heapSamples.map((h) => h[1]).sort((a, b) => a - b);
  const cpu = Object.fromEntries(
    Object.keys(cpuEnd).map((name) => [name, round(cpuEnd[name] - cpuStart[name])]),
  );
  if (!ferretPid) delete cpu.ferretdb;
  log(
    `CPU over the ${seconds.toFixed(1)} s upload (100% = one core, ${os.cpus().length} cores): ` +
      Object.entries(cpu)
        .map(([name, s]) => `${name} ${s} s (${Math.round((s / seconds) * 100)}%)`)
        .join(', '),
  );
  const { levels, top } = state.service.summary();
  log(`register output: ${levels}${top.length ? `; ${top.join('; ')}` : ''}`);

  const result = {
    scenario: 'batch-upload',
    lines: N,
    accepted: counts.accepted,
    rejected: counts.rejected,
    seconds: round(seconds, 1),
    linesPerSecond: round(counts.answered / seconds, 1),
    registerRssMb,
    samples: samples
      .filter((_, i) => i % 10 === 0 || i === samples.length - 1)
      .map(([t, rss]) => [round(t, 1), round(rss)]),
    invalidEvery: options.invalidEvery,
    answered: counts.answered,
    registerHeapUsedMb: heapSamples.length
      ? {
          start: round(heapSamples[0][1]),
          peak: round(heapDuring.at(-1)),
          end: round(heapSamples.at(-1)[1]),
          p50: round(percentile(heapDuring, 50)),
        }
      : null,
    benchRssMb: {
      start: round(benchRss[0]),
      peak: round(Math.max(...benchRss)),
      end: round(benchRss.at(-1)),
    },
    cpuSeconds: cpu,
    database: state.ferret ? 'ferretdb' : 'mongodb',
    complete,
  };
  if (!complete) {
    result.httpStatus = httpStatus;
    result.error = problems.slice(0, 5).join('; ') || streamError;
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await cleanup();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return complete ? 0 : 1;
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
