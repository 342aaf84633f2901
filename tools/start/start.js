#!/usr/bin/env node
'use strict';
// `npm start`: installs and builds when needed, starts the embedded database (unless MONGO_URL
// is set) and the broker, runs the three services in the foreground with their output
// prefixed by their name, and stops everything on Ctrl-C.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '..', '..');
const log = (msg) => console.log(`[start] ${msg}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const SERVICES = [
  { name: 'register', portVar: 'REGISTER_PORT', defaultPort: 3001 },
  { name: 'propagation', portVar: 'PROPAGATION_PORT', defaultPort: 3002 },
  { name: 'reporting', portVar: 'REPORTING_PORT', defaultPort: 3003 },
];
const READY_TIMEOUT_MS = 120_000;
const SERVICE_STOP_TIMEOUT_MS = 15_000;
const FERRETDB_PORT = 27017;
const FERRETDB_DATA = path.join(root, '.data', 'ferretdb');
const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

const { redactUrl: redact } = require('../dev/rabbitmq');
const { ensureDevAuthKeys, ensureDevExtractKeys } = require('../token/dev-keys');
const { serviceNodeArgs } = require('../service-node-args');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- state and shutdown

const helpers = new Set(); // npm ci, npm run build
const running = new Map(); // service name -> child process
let ferretPromise = null; // Promise of { url, child, stop } while the embedded database runs
let stopping = null;

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal); // the service's own process group
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function stopService(name, child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      log(`${name} did not stop within ${SERVICE_STOP_TIMEOUT_MS / 1000} s: killing it`);
      signalGroup(child, 'SIGKILL');
    }, SERVICE_STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

function shutdown(code) {
  if (stopping) return stopping;
  stopping = (async () => {
    for (const helper of helpers) signalGroup(helper, 'SIGTERM');
    const alive = [...running].filter(([, c]) => c.exitCode === null && c.signalCode === null);
    if (alive.length) {
      log(`stopping ${alive.map(([name]) => name).join(', ')}`);
      await Promise.all(alive.map(([name, child]) => stopService(name, child)));
    }
    if (ferretPromise) {
      const ferret = await ferretPromise.catch(() => null);
      if (ferret && ferret.child.exitCode === null && ferret.child.signalCode === null) {
        log('stopping the embedded database');
        await ferret.stop();
      }
    }
    log(code === 0 ? 'stopped' : 'stopped after an error');
    process.exit(code);
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      log(`${signal}: already stopping, waiting for the processes to exit`);
      return;
    }
    if (signal === 'SIGINT') process.stdout.write('\n');
    log(`${signal}: stopping everything`);
    void shutdown(0);
  });
}

// Under `npm start`, a SIGTERM to npm ends npm and its shell but does not reach this
// script: stop as well when the parent goes away.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !stopping) {
      log('npm (the parent process) has exited: stopping everything');
      void shutdown(0);
    }
  }, 1000).unref();
}

// Last resort when this process ends abruptly: no service outlives it.
process.on('exit', () => {
  for (const child of running.values()) {
    if (child.exitCode === null && child.signalCode === null) signalGroup(child, 'SIGKILL');
  }
});

// ---------------------------------------------------------------- steps

function runHelper(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    helpers.add(child);
    child.once('error', (err) => {
      helpers.delete(child);
      reject(new Error(`cannot run ${command}: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      helpers.delete(child);
      if (code === 0) resolve();
      else
        reject(new Error(`${command} ${args.join(' ')} failed (${signal || `exit code ${code}`})`));
    });
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function installIfNeeded() {
  const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
  const lock = mtime(path.join(root, 'package-lock.json'));
  if (installed !== null && (lock === null || lock <= installed)) return;
  const modules = path.join(root, 'node_modules');
  if (fs.existsSync(modules) && fs.lstatSync(modules).isSymbolicLink()) {
    // npm ci would empty the directory the link points at, which another checkout may use.
    log('node_modules is a symbolic link: not reinstalling; run "npm ci" yourself if needed');
    return;
  }
  log(
    installed === null
      ? 'installing dependencies (npm ci)'
      : 'package-lock.json changed: reinstalling dependencies (npm ci)',
  );
  await runHelper(npm, ['ci']);
}

const { newestSource, builtAt, markBuilt } = require('../dev/build');

async function buildIfNeeded() {
  const built = builtAt();
  if (built !== null && built >= newestSource().newest) return;
  log(built === null ? 'building (npm run build)' : 'sources changed: rebuilding (npm run build)');
  const started = Date.now();
  await runHelper(npm, ['run', 'build', '--silent']);
  markBuilt(started);
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m'];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

function spawnService({ name }, index, env) {
  const width = Math.max(...SERVICES.map((s) => s.name.length));
  const label = name.padEnd(width);
  const prefix = useColor ? `${COLORS[index % COLORS.length]}${label}\x1b[0m | ` : `${label} | `;
  const script = path.join(root, 'tools', 'run-service.js');
  const child = spawn(process.execPath, [...serviceNodeArgs(name), script, name], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C reaches only this script, which stops the services in order.
    detached: true,
  });
  running.set(name, child);
  readline
    .createInterface({ input: child.stdout })
    .on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  readline
    .createInterface({ input: child.stderr })
    .on('line', (line) => process.stderr.write(`${prefix}${line}\n`));
  child.once('error', (err) => {
    if (stopping) return;
    log(`cannot start ${name}: ${err.message}`);
    void shutdown(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited on its own (${signal || `exit code ${code}`}): stopping everything`);
    void shutdown(1);
  });
  return child;
}

function isReady(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
  });
}

function portInUse(port, host) {
  const net = require('node:net');
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  await installIfNeeded();
  if (stopping) return;
  await buildIfNeeded();
  if (stopping) return;

  const httpHost = process.env.HTTP_HOST || '127.0.0.1';
  const reachHost = ['0.0.0.0', '::', '[::]', ''].includes(httpHost) ? '127.0.0.1' : httpHost;
  const ports = {};
  for (const s of SERVICES) {
    const port = Number(process.env[s.portVar] || s.defaultPort);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new Error(`${s.portVar}=${process.env[s.portVar]} is not a valid port`);
    }
    if (await portInUse(port, reachHost)) {
      throw new Error(
        `port ${port} (${s.portVar}, for ${s.name}) is already in use: is another "npm start" running?`,
      );
    }
    ports[s.name] = port;
  }
  if (stopping) return;

  // Loaded only now: they need node_modules (amqplib).
  const { ensureFerretdbBuilt, startFerretdb } = require('../dev/ferretdb');
  const { ensureRabbitmq, enableManagement } = require('../dev/rabbitmq');

  let mongoUrl = process.env.MONGO_URL;
  let mongoNote = '(from MONGO_URL)';
  if (mongoUrl) {
    log(`database: ${redact(mongoUrl)} (MONGO_URL)`);
  } else {
    await ensureFerretdbBuilt({ log });
    if (stopping) return;
    log(`starting the embedded database on 127.0.0.1:${FERRETDB_PORT} (data in .data/ferretdb)`);
    ferretPromise = startFerretdb({
      port: FERRETDB_PORT,
      dataDir: FERRETDB_DATA,
      logLevel: 'error',
      log,
    });
    const ferret = await ferretPromise;
    mongoUrl = ferret.url;
    mongoNote = '(embedded FerretDB, data in .data/ferretdb)';
    void ferret.exited.then(({ code, signal }) => {
      if (stopping) return;
      log(
        `the embedded database stopped on its own (${signal || `exit code ${code}`}): stopping everything`,
      );
      void shutdown(1);
    });
  }
  if (stopping) return;

  const amqpUrl = process.env.AMQP_URL || DEFAULT_AMQP_URL;
  log(`broker: ${redact(amqpUrl)}`);
  await ensureRabbitmq(amqpUrl, { log });
  if (stopping) return;
  const localBroker = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(
    new URL(amqpUrl).hostname,
  );
  const management = localBroker ? await enableManagement({ log }) : false;
  if (stopping) return;

  const env = {
    ...process.env,
    AMQP_URL: amqpUrl,
    MONGO_URL: mongoUrl,
    HTTP_HOST: httpHost,
    REGISTER_PORT: String(ports.register),
    PROPAGATION_PORT: String(ports.propagation),
    REPORTING_PORT: String(ports.reporting),
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  };
  // The local stack trusts the development key that `npm run token` signs with.
  if (!process.env.AUTH_JWKS_FILE && !process.env.AUTH_JWKS_URL) {
    env.AUTH_JWKS_FILE = ensureDevAuthKeys(root).jwksFile;
    log('tokens: npm run --silent token -- --role institution --institution 21PA');
  }
  // The register signs digital extracts with a development key made on first start.
  if (!process.env.EXTRACT_SIGNING_KEYS_FILE && !process.env.EXTRACT_SIGNING_KEYS) {
    env.EXTRACT_SIGNING_KEYS_FILE = ensureDevExtractKeys(root);
    log(
      `extracts: signed with the development key in ${path.relative(root, env.EXTRACT_SIGNING_KEYS_FILE)}`,
    );
  }
  if (stopping) return;
  log(`starting ${SERVICES.map((s) => s.name).join(', ')}`);
  SERVICES.forEach((s, i) => spawnService(s, i, env));

  const base = (name) => `http://${reachHost}:${ports[name]}`;
  const pending = new Set(SERVICES.map((s) => s.name));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (pending.size) {
    if (stopping) return;
    if (Date.now() > deadline) {
      throw new Error(
        `not ready within ${READY_TIMEOUT_MS / 1000} s: ${[...pending].join(', ')} ` +
          '(GET /health/ready did not answer 200)',
      );
    }
    const results = await Promise.all(
      [...pending].map(async (name) => [name, await isReady(`${base(name)}/health/ready`)]),
    );
    for (const [name, ready] of results) {
      if (ready) {
        pending.delete(name);
        log(`${name} is ready`);
      }
    }
    if (pending.size) await sleep(1000);
  }
  if (stopping) return;

  const width = Math.max(...SERVICES.map((s) => s.name.length), 'RabbitMQ'.length);
  const lines = [`everything is ready (${Math.round((Date.now() - started) / 1000)} s):`];
  for (const s of SERVICES) {
    lines.push(`  ${s.name.padEnd(width)}  ${base(s.name)}   API docs: ${base(s.name)}/docs`);
  }
  lines.push(
    `  ${'RabbitMQ'.padEnd(width)}  ${redact(amqpUrl)}` +
      (management ? '   management UI: http://127.0.0.1:15672 (guest/guest)' : ''),
  );
  lines.push(`  ${'MongoDB'.padEnd(width)}  ${redact(mongoUrl)} ${mongoNote}`);
  lines.push('Ctrl-C stops everything');
  for (const line of lines) log(line);
}

main().catch((err) => {
  if (stopping) return;
  log(`error: ${err.message}`);
  void shutdown(1);
});
