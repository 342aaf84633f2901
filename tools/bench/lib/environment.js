'use strict';
// One scenario's world: a fresh vhost, a fresh database (an embedded FerretDB in a
// temporary folder, or databases `bench-<ts>-<service>` on MONGO_URL, dropped at the end),
// development keys of its own (a temporary ROD_DEV_KEYS_DIR, so .data/dev-keys is left
// alone), and the built services as processes, as many instances of each as asked.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { root, ServiceProcess, waitReady } = require('./services');
const {
  releaseSharedResources,
  checkInterrupted,
  freshEmbeddedDatabase,
  freshVhost,
  noop,
} = require('./lifecycle');
const { databaseKind, dropDatabase } = require('./database');
const { serviceNodeArgs } = require('../../service-node-args');

const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const PORT_VARS = {
  register: 'REGISTER_PORT',
  propagation: 'PROPAGATION_PORT',
  reporting: 'REPORTING_PORT',
};

class Environment {
  /**
   * @param bench the bench's shared state (`stopping`, `environments`)
   * @param name short name, part of the vhost and database names
   */
  constructor(bench, name, log) {
    this.bench = bench;
    this.name = name;
    this.log = log;
    this.ts = Date.now();
    // What releaseSharedResources (lifecycle.js) cleans up.
    this.resources = { ferret: null, vhost: null, tmpDirs: [] };
    this.processes = []; // { service, label, url, proc }
    this.client = null;
    this.dropDatabases = [];
    this.disposing = null;
    bench.environments.add(this);
  }

  get ferretPid() {
    return this.resources.ferret?.child.pid ?? null;
  }

  /** Vhost and (unless `database: false`) database; keys in a temporary folder. */
  async prepare({ database = true } = {}) {
    const { ensureRabbitmq, redactUrl } = require('../../dev/rabbitmq');
    const baseUrl = process.env.AMQP_URL || DEFAULT_AMQP_URL;
    this.baseUrl = baseUrl;
    // Never starts or restarts the shared broker: one that is down is reported.
    await ensureRabbitmq(baseUrl, { log: this.log, start: false });
    checkInterrupted(this.bench);
    this.vhost = `rod-bench-${this.name}-${this.ts}`;
    this.amqpUrl = await freshVhost(this.resources, baseUrl, this.vhost, this.log);
    checkInterrupted(this.bench);
    if (!database) return;

    this.databases = Object.fromEntries(
      Object.keys(PORT_VARS).map((s) => [s, `bench-${this.ts}-${s}`]),
    );
    if (process.env.MONGO_URL) {
      this.mongoUrl = process.env.MONGO_URL;
      this.log(
        `database: ${redactUrl(this.mongoUrl)} (MONGO_URL), databases bench-${this.ts}-<service>`,
      );
    } else {
      this.mongoUrl = await freshEmbeddedDatabase(
        this.resources,
        `rod-bench-${this.name}`,
        this.log,
      );
    }
    checkInterrupted(this.bench);
    const { MongoClient } = require('mongoose').mongo;
    this.client = new MongoClient(this.mongoUrl, { serverSelectionTimeoutMS: 5000 });
    await this.client.connect();
    this.database = await databaseKind(this.client.db(this.databases.reporting), {
      embedded: Boolean(this.resources.ferret),
    });

    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), `rod-bench-${this.name}-keys-`));
    this.resources.tmpDirs.push(keysDir);
    this.keysDir = keysDir;
    this.withKeysDir(() => {
      const { ensureDevAuthKeys, ensureDevExtractKeys } = require('../../token/dev-keys');
      this.jwksFile = ensureDevAuthKeys(root).jwksFile;
      this.extractKeysFile = ensureDevExtractKeys(root);
    });
  }

  withKeysDir(fn) {
    const previous = process.env.ROD_DEV_KEYS_DIR;
    process.env.ROD_DEV_KEYS_DIR = this.keysDir;
    try {
      return fn();
    } finally {
      if (previous === undefined) delete process.env.ROD_DEV_KEYS_DIR;
      else process.env.ROD_DEV_KEYS_DIR = previous;
    }
  }

  /** A bearer token signed by this environment's issuer. */
  async token(claims) {
    const { mintDevToken } = require('../../token/mint');
    const previous = process.env.ROD_DEV_KEYS_DIR;
    process.env.ROD_DEV_KEYS_DIR = this.keysDir;
    try {
      return await mintDevToken(root, { sub: 'bench', ttlSeconds: 24 * 3600, ...claims });
    } finally {
      if (previous === undefined) delete process.env.ROD_DEV_KEYS_DIR;
      else process.env.ROD_DEV_KEYS_DIR = previous;
    }
  }

  /** The database of `service` (a driver Db). */
  db(service) {
    return this.client.db(this.databases[service]);
  }

  /**
   * Starts `counts` = { register: 1, propagation: 2, … } instances and waits until each is
   * ready. `env` adds settings; `nodeArgs` (per service) go to node before the script.
   */
  async start(counts, { env: extra = {}, logsDir = null, nodeArgs = {}, logLevel = 'warn' } = {}) {
    const { freePort } = require('../../dev/ferretdb');
    const planned = [];
    for (const [service, n] of Object.entries(counts)) {
      for (let k = 1; k <= n; k++) {
        planned.push({
          service,
          label: k === 1 ? service : `${service}#${k}`,
          port: await freePort(),
        });
      }
    }
    const firstPort = (service) => planned.find((p) => p.service === service)?.port;
    if (logsDir) fs.mkdirSync(logsDir, { recursive: true });
    if (process.env.MONGO_URL) {
      this.dropDatabases = [
        ...new Set([...this.dropDatabases, ...planned.map((p) => this.databases[p.service])]),
      ];
    }
    for (const p of planned) {
      const env = {
        ...process.env,
        AMQP_URL: this.amqpUrl,
        MONGO_URL: this.mongoUrl,
        MONGO_DB: this.databases[p.service],
        LOG_LEVEL: logLevel,
        HTTP_HOST: '127.0.0.1',
        AUTH_JWKS_FILE: this.jwksFile,
        EXTRACT_SIGNING_KEYS_FILE: this.extractKeysFile,
        ...extra,
      };
      for (const [service, variable] of Object.entries(PORT_VARS)) {
        const port = service === p.service ? p.port : firstPort(service);
        if (port) env[variable] = String(port);
      }
      delete env.AUTH_JWKS_URL; // one issuer setting: this environment's key
      delete env.EXTRACT_SIGNING_KEYS; // one extract key setting: this environment's
      const fileName = p.label.replace('#', '-');
      const proc = new ServiceProcess(p.service, env, {
        logFile: logsDir ? path.join(logsDir, `${this.name}-${fileName}.log`) : null,
        nodeArgs: [...serviceNodeArgs(p.service), ...(nodeArgs[p.service] ?? [])],
      });
      this.processes.push({ ...p, url: `http://127.0.0.1:${p.port}`, proc });
    }
    this.log(`starting ${planned.map((p) => `${p.label} (:${p.port})`).join(', ')}`);
    const procs = Object.fromEntries(this.processes.map((p) => [p.label, p.proc]));
    const urls = Object.fromEntries(this.processes.map((p) => [p.label, p.url]));
    await waitReady(procs, urls, { log: this.log, isStopping: () => this.bench.stopping });
    checkInterrupted(this.bench);
  }

  /** label -> pid of every service process. */
  pids() {
    return Object.fromEntries(this.processes.map((p) => [p.label, p.proc.pid]));
  }

  /** Throws when a service process has exited (the measurement would be void). */
  checkAlive() {
    for (const { label, proc } of this.processes) {
      if (!proc.running) {
        throw new Error(
          `${label} exited during the run (${proc.exited.signal || `exit code ${proc.exited.code}`}); its last output:\n` +
            proc.tail.slice(-20).join('\n'),
        );
      }
    }
  }

  /** Logs what each service complained about (warnings and errors by message). */
  logOutputSummary() {
    for (const { label, proc } of this.processes) {
      const { levels, top } = proc.summary();
      this.log(`${label} output: ${levels}${top.length ? `; ${top.join('; ')}` : ''}`);
    }
  }

  /** Counts of warnings and errors per service label, for the JSON. */
  outputCounts() {
    const counts = {};
    for (const { label, proc } of this.processes) {
      const { warn = 0, error = 0, fatal = 0 } = proc.levels;
      if (warn || error || fatal) counts[label] = { warn, error: error + fatal };
    }
    return counts;
  }

  /** Stops the services, drops MONGO_URL databases, stops FerretDB, deletes the vhost. */
  dispose() {
    if (this.disposing) return this.disposing;
    this.disposing = (async () => {
      const alive = this.processes.filter((p) => p.proc.running);
      if (alive.length) this.log(`stopping ${alive.map((p) => p.label).join(', ')}`);
      await Promise.all(this.processes.map((p) => p.proc.stop()));
      if (this.client) await this.client.close().catch(noop);
      for (const name of this.dropDatabases) {
        await dropDatabase(this.mongoUrl, name, { log: this.log });
      }
      if (this.dropDatabases.length) this.log(`dropped ${this.dropDatabases.join(', ')}`);
      await releaseSharedResources(this.resources, this.log);
      this.bench.environments.delete(this);
    })();
    return this.disposing;
  }
}

module.exports = { Environment, DEFAULT_AMQP_URL };
