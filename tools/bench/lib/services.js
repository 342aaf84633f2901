'use strict';
// Building dist/ when needed, and running the three built services as processes.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '..', '..', '..');
const SERVICES = [
  { name: 'register', portVar: 'REGISTER_PORT' },
  { name: 'propagation', portVar: 'PROPAGATION_PORT' },
  { name: 'reporting', portVar: 'REPORTING_PORT' },
];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const { newestSource, builtAt, markBuilt } = require('../../dev/build');

/** Runs `npm run build` when dist/ is missing or older than a source; its output goes to stderr. */
async function buildIfNeeded({ log, track }) {
  const built = builtAt();
  const { newest, newestFile } = newestSource();
  if (built !== null && built >= newest) {
    log('dist/ is up to date');
    return false;
  }
  log(
    built === null
      ? 'dist/ is missing: building (npm run build)'
      : `dist/ is older than ${path.relative(root, newestFile)}: building (npm run build)`,
  );
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // stdout goes to our stderr: the bench's stdout ends with its JSON line.
    const child = spawn(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] });
    track?.(child);
    child.once('error', (err) => reject(new Error(`cannot run npm: ${err.message}`)));
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`npm run build failed (${signal || `exit code ${code}`})`)),
    );
  });
  markBuilt(started);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * One service process: its output is kept (last lines, counts by level) and optionally logged
 * to a file. `nodeArgs` go to node before the script (e.g. --cpu-prof, which NODE_OPTIONS
 * does not take).
 */
class ServiceProcess {
  constructor(name, env, { logFile, nodeArgs = [] } = {}) {
    this.name = name;
    this.tail = [];
    this.levels = {};
    this.messages = new Map(); // "level: msg" -> count, for a summary of what it complained about
    this.exited = null;
    this.file = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
    const script = path.join(root, 'tools', 'run-service.js');
    this.child = spawn(process.execPath, [...nodeArgs, script, name], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches only the bench, which then
      // stops the services in order.
      detached: true,
    });
    this.pid = this.child.pid;
    this.exitPromise = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve(this.exited);
      });
      this.child.once('error', (err) => {
        this.exited = { code: null, signal: null, error: err };
        resolve(this.exited);
      });
    });
    const onLine = (line) => {
      this.file?.write(`${line}\n`);
      this.tail.push(line);
      if (this.tail.length > 60) this.tail.shift();
      try {
        const entry = JSON.parse(line);
        const level = LEVELS[entry.level] || String(entry.level);
        this.levels[level] = (this.levels[level] || 0) + 1;
        const key = `${level}: ${entry.msg ?? ''}`;
        this.messages.set(key, (this.messages.get(key) || 0) + 1);
      } catch {
        this.levels.text = (this.levels.text || 0) + 1;
      }
    };
    readline.createInterface({ input: this.child.stdout }).on('line', onLine);
    readline.createInterface({ input: this.child.stderr }).on('line', onLine);
  }

  get running() {
    return this.exited === null;
  }

  signal(signal) {
    try {
      process.kill(-this.pid, signal); // the whole process group
    } catch {
      try {
        this.child.kill(signal);
      } catch {
        // already gone
      }
    }
  }

  async stop(timeoutMs = 15_000) {
    if (this.running) {
      const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
      this.signal('SIGTERM');
      await this.exitPromise;
      clearTimeout(timer);
    }
    if (this.file) await new Promise((resolve) => this.file.end(resolve));
    this.file = null;
  }

  /** "warn 3, error 1" and the most frequent messages. */
  summary() {
    const levels = Object.entries(this.levels)
      .map(([level, n]) => `${level} ${n}`)
      .join(', ');
    const top = [...this.messages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([msg, n]) => `${n}× ${msg}`);
    return { levels: levels || 'no output', top };
  }
}

function httpStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(null));
  });
}

function httpText(url, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', reject);
  });
}

/** Waits until every service answers GET /health/ready with 200; fails early when one exits. */
async function waitReady(processes, urls, { timeoutMs = 120_000, log, isStopping = () => false }) {
  const pending = new Set(Object.keys(urls));
  const deadline = Date.now() + timeoutMs;
  while (pending.size) {
    if (isStopping()) throw new Error('interrupted');
    for (const name of pending) {
      const p = processes[name];
      if (!p.running) {
        throw new Error(
          `${name} exited before it was ready (${p.exited.signal || `exit code ${p.exited.code}`}); its last output:\n` +
            p.tail.slice(-20).join('\n'),
        );
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`not ready within ${timeoutMs / 1000} s: ${[...pending].join(', ')}`);
    }
    const answers = await Promise.all(
      [...pending].map(async (name) => [name, await httpStatus(`${urls[name]}/health/ready`)]),
    );
    for (const [name, status] of answers) {
      if (status === 200) {
        pending.delete(name);
        log(`${name} is ready`);
      }
    }
    if (pending.size) await sleep(500);
  }
}

/** From a Prometheus text page: per queue, messages handled and mean handling time. */
function handlingTimes(text) {
  const sums = {};
  const counts = {};
  for (const line of text.split('\n')) {
    const m = /^rod_message_handling_seconds_(sum|count)\{([^}]*)\}\s+([0-9.eE+-]+)/.exec(line);
    if (!m) continue;
    const queue = /queue="([^"]*)"/.exec(m[2])?.[1] ?? '?';
    (m[1] === 'sum' ? sums : counts)[queue] = Number(m[3]);
  }
  // Outcomes: acked, requeued (failed, tried again), dead-lettered.
  const outcomes = {};
  for (const line of text.split('\n')) {
    const m = /^rod_messages_consumed_total\{([^}]*)\}\s+([0-9.eE+-]+)/.exec(line);
    if (!m) continue;
    const queue = /queue="([^"]*)"/.exec(m[1])?.[1] ?? '?';
    const outcome = /outcome="([^"]*)"/.exec(m[1])?.[1] ?? '?';
    (outcomes[queue] ??= {})[outcome] = Number(m[2]);
  }
  const result = {};
  for (const queue of Object.keys(counts)) {
    result[queue] = {
      handled: counts[queue],
      meanMs: counts[queue] ? ((sums[queue] ?? 0) / counts[queue]) * 1000 : 0,
      outcomes: outcomes[queue] ?? {},
    };
  }
  return result;
}

module.exports = {
  SERVICES,
  root,
  buildIfNeeded,
  ServiceProcess,
  waitReady,
  httpText,
  handlingTimes,
};
