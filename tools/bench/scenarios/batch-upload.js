'use strict';
// Scenario `batch-upload`: the register's streamed batch upload over HTTP (CONTRACT.md,
// POST /v1/institutions/{code}/results/batch), the register alone. N register-result lines of
// NDJSON, made as the request reads them (the body is never held whole), and the streamed
// per-line outcomes read line by line. The register's resident memory is sampled every
// 500 ms, and reported at 25/50/75/100 % of the lines answered, to see whether it stays flat.
const os = require('node:os');
const { Readable } = require('node:stream');
const { performance } = require('node:perf_hooks');
const { TextDecoder } = require('node:util');

const { Environment } = require('../lib/environment');
const { httpText } = require('../lib/services');
const { randomBsn } = require('../lib/results');
const { CpuMeter, machineBusyShare } = require('../lib/proc');
const { round, percentile, atShares, isFlat } = require('../lib/stats');
const { checkInterrupted } = require('../lib/lifecycle');
const fs = require('node:fs');

const INSTITUTION = '21PA';
const SAMPLE_MS = 500;
const PROGRESS_MS = 5000;
const LINES_PER_CHUNK = 64; // lines per chunk of the request body (~16 KiB)
const MAX_LINES_AHEAD = 256; // lines sent but not yet answered, at most (~64 KiB)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function readVmRssKb(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** A valid BSN made invalid: the check digit moved by one fails the 11-check. */
function invalidBsn() {
  const bsn = randomBsn();
  return `${bsn.slice(0, 8)}${(Number(bsn[8]) + 1) % 10}`;
}

/** Whether line n (1-based) of the upload is meant to be invalid. */
const isInvalidLine = (n, invalidEvery) => invalidEvery > 0 && n % invalidEvery === 0;

/**
 * The upload's body, made as it is read: chunks of LINES_PER_CHUNK NDJSON lines. It ends
 * early, at a chunk's end, once `stopAt()` says so; `sent.lines` counts the lines made. It
 * stays at most `maxAhead` lines ahead of `answered()`: socket buffers would otherwise take
 * megabytes of lines at once, and a body ended after S seconds would still hold them all.
 */
async function* bodyChunks({
  lines,
  invalidEvery,
  run,
  stopAt = () => false,
  sent = { lines: 0 },
  answered = () => Infinity,
  maxAhead = MAX_LINES_AHEAD,
}) {
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
      while (n - answered() > maxAhead) await sleep(10);
      sent.lines = n;
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
      if (stopAt()) return;
    }
  }
}

async function batchUpload({ bench, log, options }) {
  const N = options.batchLines;
  const environment = new Environment(bench, 'batch', log);
  const abort = new AbortController();
  const timers = [];
  const every = (ms, fn) => timers.push(setInterval(fn, ms));
  try {
    await environment.prepare();
    await environment.start({ register: 1 }, { logsDir: options.logsDir });
    const token = await environment.token({ role: 'institution', institutionCode: INSTITUTION });
    const { url, proc } = environment.processes[0];
    const registerPid = proc.pid;
    const ferretPid = environment.ferretPid;
    const busyBefore = await machineBusyShare(2000);
    const loadBefore = os.loadavg()[0];

    // Memory: the register's VmRSS (with lines answered so far) every 500 ms, its V8 heap from
    // /metrics every 5 s, the bench's own RSS.
    const counts = { answered: 0, accepted: 0, rejected: 0, unexpected: 0 };
    const t0 = performance.now();
    const samples = []; // [tSec, registerRssMb, benchRssMb, answered]
    const heapSamples = [];
    const sample = () => {
      const rss = readVmRssKb(registerPid);
      const own = process.memoryUsage.rss() / 2 ** 20;
      if (rss !== null)
        samples.push([(performance.now() - t0) / 1000, rss / 1024, own, counts.answered]);
    };
    let heapBusy = false;
    const sampleHeap = async () => {
      if (heapBusy) return;
      heapBusy = true;
      try {
        const { text } = await httpText(`${url}/metrics`, 2000);
        const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([0-9.eE+-]+)/m.exec(text);
        if (match) heapSamples.push(Number(match[1]) / 2 ** 20);
      } catch {
        // no heap figure this time
      } finally {
        heapBusy = false;
      }
    };
    sample();
    await sampleHeap();
    every(SAMPLE_MS, sample);
    every(PROGRESS_MS, () => void sampleHeap());
    const meter = new CpuMeter({
      register: [registerPid],
      ...(ferretPid ? { ferretdb: [ferretPid] } : {}),
    });

    const problems = [];
    const problem = (text) => {
      if (problems.length < 10) log(text);
      problems.push(text);
    };
    let summary = null;
    let streamError = null;
    const run = Date.now().toString(36);
    // The body ends early when --batch-seconds have passed: the upload then finishes normally
    // with the lines sent so far, and the figures are of those.
    const sent = { lines: 0 };
    let cut = false;
    const stopAt = () => {
      cut =
        options.batchSeconds > 0 &&
        performance.now() - uploadStart > options.batchSeconds * 1000 &&
        sent.lines < N;
      return cut;
    };
    const body = Readable.from(
      bodyChunks({
        lines: N,
        invalidEvery: options.invalidEvery,
        run,
        stopAt,
        sent,
        answered: () => counts.answered,
      }),
      { objectMode: false },
    );
    const uploadStart = performance.now();
    meter.start();
    let last = { at: uploadStart, answered: 0 };
    every(PROGRESS_MS, () => {
      const now = performance.now();
      const rate = (counts.answered - last.answered) / ((now - last.at) / 1000);
      log(
        `${counts.answered}/${N} lines answered, ${rate.toFixed(0)} lines/s; register RSS ${samples.at(-1)?.[1].toFixed(0) ?? '?'} MB`,
      );
      last = { at: now, answered: counts.answered };
    });

    log(
      `uploading ${N} lines to POST /v1/institutions/${INSTITUTION}/results/batch` +
        (options.invalidEvery ? ` (1 line in ${options.invalidEvery} invalid)` : ''),
    );
    let httpStatus = null;
    let timedOut = false;
    const limitSeconds =
      options.timeoutSeconds ?? (options.batchSeconds ? options.batchSeconds + 120 : null);
    const deadline = limitSeconds
      ? setTimeout(() => {
          timedOut = true;
          log(`${limitSeconds} s passed: stopping the upload`);
          abort.abort();
        }, limitSeconds * 1000)
      : null;
    const onStop = setInterval(() => bench.stopping && abort.abort(), 200);
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
        signal: abort.signal,
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
      checkInterrupted(bench);
      streamError = timedOut
        ? `stopped after ${limitSeconds} s`
        : `${err.message}${err.cause ? ` (${err.cause.message ?? err.cause})` : ''}`;
      log(`the upload failed: ${streamError}`);
    } finally {
      clearTimeout(deadline);
      clearInterval(onStop);
    }
    const uploadEnd = performance.now();
    checkInterrupted(bench);
    const usage = meter.stop();
    for (const t of timers.splice(0)) clearInterval(t);
    sample();
    await sampleHeap();

    const seconds = (uploadEnd - uploadStart) / 1000;
    if (!summary) problem(`no summary line${streamError ? ` (${streamError})` : ''}`);
    else {
      if (streamError) problem(`the register ended the stream with an error: ${streamError}`);
      for (const key of ['lines', 'accepted', 'rejected']) {
        const mine = key === 'lines' ? counts.answered : counts[key];
        if (summary[key] !== mine) problem(`summary ${key} ${summary[key]}, counted ${mine}`);
      }
    }
    const lines = sent.lines;
    if (cut) log(`the body was ended after ${options.batchSeconds} s: ${lines} of ${N} lines sent`);
    if (counts.answered !== lines) problem(`${counts.answered} of ${lines} lines were answered`);
    if (counts.unexpected) problem(`${counts.unexpected} lines had an unexpected outcome`);
    const complete = counts.answered === lines && summary !== null && !streamError;

    const during = samples.filter(([t]) => t >= (uploadStart - t0) / 1000);
    const rssSorted = during.map((s) => s[1]).sort((a, b) => a - b);
    const rssAtShare = atShares(
      during.map((s) => [s[3], s[1]]),
      lines,
    );
    const heapSorted = [...heapSamples].sort((a, b) => a - b);
    const cpu = usage.cpuSeconds;
    log(
      `CPU over the ${seconds.toFixed(1)} s upload (100% = one core): ` +
        Object.entries(cpu)
          .map(([name, s]) => `${name} ${s} s (${Math.round((s / seconds) * 100)}%)`)
          .join(', '),
    );
    environment.logOutputSummary();
    const benchRss = samples.map((s) => s[2]);
    const result = {
      scenario: 'batch-upload',
      lines,
      linesPlanned: N,
      ...(cut ? { endedAfterSeconds: options.batchSeconds } : {}),
      accepted: counts.accepted,
      rejected: counts.rejected,
      answered: counts.answered,
      invalidEvery: options.invalidEvery,
      seconds: round(seconds, 1),
      linesPerSecond: round(counts.answered / seconds, 1),
      registerRssMb: {
        start: round(samples[0]?.[1]),
        p50: round(percentile(rssSorted, 50)),
        peak: round(rssSorted.at(-1)),
        end: round(samples.at(-1)?.[1]),
      },
      registerRssAtShareMb: rssAtShare,
      memoryFlat: isFlat(rssAtShare),
      samples: samples
        .filter((_, i) => i % 10 === 0 || i === samples.length - 1)
        .map(([t, rss]) => [round(t, 1), round(rss)]),
      registerHeapUsedMb: heapSorted.length
        ? {
            start: round(heapSamples[0]),
            p50: round(percentile(heapSorted, 50)),
            peak: round(heapSorted.at(-1)),
            end: round(heapSamples.at(-1)),
          }
        : null,
      benchRssMb: {
        start: round(benchRss[0]),
        peak: round(Math.max(...benchRss)),
        end: round(benchRss.at(-1)),
      },
      cpuSeconds: cpu,
      machineBusyShare: round(usage.machineBusyShare, 2),
      machineBusyBefore: round(busyBefore, 2),
      loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
      database: environment.database,
      complete,
    };
    if (!complete) {
      result.httpStatus = httpStatus;
      result.error = problems.slice(0, 5).join('; ') || streamError;
    }
    return result;
  } finally {
    for (const t of timers) clearInterval(t);
    abort.abort();
    await environment.dispose();
  }
}

module.exports = { batchUpload, bodyChunks, isInvalidLine };
