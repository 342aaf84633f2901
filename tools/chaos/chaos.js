#!/usr/bin/env node
'use strict';
// `npm run chaos`: the whole stack (a private RabbitMQ node, a fresh embedded database, the
// three services, three webhook partners in this process) under a steady load while faults
// are injected in turn: kill -9 of each service, a broker restart, a database restart, a
// partner answering 503, a burst of poison messages. Then it waits for the system to
// settle and reconciles it against its own record of what it sent. See docs/operations.md.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { parseArgs, USAGE } = require('./lib/args');
const { RabbitNode } = require('./lib/rabbit-node');
const { Services } = require('./lib/services');
const { PARTNERS, PartnerReceiver, partnersConfig } = require('./lib/partners');
const { CommandClient } = require('./lib/command-client');
const { HttpClient } = require('./lib/http-client');
const { Load } = require('./lib/load');
const { seededRandom } = require('./lib/random');
const { runFaults, POISON_EVENT_ROUTING_KEY } = require('./lib/faults');
const reconcile = require('./lib/reconcile');

const root = path.resolve(__dirname, '..', '..');
const started = Date.now();
const log = (msg) =>
  process.stderr.write(
    `[chaos ${String(Math.round((Date.now() - started) / 1000)).padStart(4)}s] ${msg}\n`,
  );
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const INSTITUTIONS = ['21PA', '30XY', '07AB', '12CD'];
/** Queues that keep their messages by design: dead letters, parked deliveries, the helpdesk's inbox, ours. */
const IDLE_QUEUES = [/\.dlq$/, /\.parked$/, /^helpdesk\./, /^chaos\.replies$/];

const state = {
  tmpDir: null,
  node: null,
  ferret: null,
  services: null,
  client: null,
  receivers: [],
};
let cleaning = null;

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    await state.client?.close().catch(() => undefined);
    if (state.services) {
      log('stopping the services');
      await state.services.stopAll();
    }
    if (state.node) {
      log('stopping the private RabbitMQ node');
      await state.node.stop();
    }
    if (state.ferret) {
      log('stopping the embedded database');
      await state.ferret.stop().catch(() => undefined);
    }
    await Promise.all(state.receivers.map((r) => r.close()));
    if (state.tmpDir) fs.rmSync(state.tmpDir, { recursive: true, force: true });
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (cleaning) return;
    log(`${signal}: stopping and cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  state.services?.killNow();
  state.node?.killNow();
});

async function buildIfNeeded() {
  const { newestSource, builtAt, markBuilt } = require('../dev/build');
  const built = builtAt();
  if (built !== null && built >= newestSource().newest) return;
  log('sources changed: building (npm run build)');
  const begun = Date.now();
  const output = [];
  const code = await new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => output.push(d));
    child.stderr.on('data', (d) => output.push(d));
    child.once('exit', resolve);
  });
  if (code === 0) {
    markBuilt(begun);
    return;
  }
  const errors = Buffer.concat(output)
    .toString()
    .split('\n')
    .filter((l) => /error TS\d+/.test(l));
  for (const line of errors.slice(0, 10)) log(`build: ${line}`);
  // tsc still emits; an unused declaration (someone's edit in progress) changes nothing that runs.
  if (errors.length > 0 && errors.every((l) => /error TS6133:/.test(l))) {
    log('the build reported only unused declarations: running what it emitted');
    return;
  }
  throw new Error('npm run build failed');
}

/** A database that can be killed (kill -9) and started again on the same port and files. */
async function embeddedDatabase(dir) {
  const { ensureFerretdbBuilt, startFerretdb, freePort } = require('../dev/ferretdb');
  await ensureFerretdbBuilt({ log });
  const port = await freePort();
  const dataDir = path.join(dir, 'ferretdb');
  const database = {
    url: null,
    async start() {
      state.ferret = await startFerretdb({ port, dataDir, log });
      database.url = state.ferret.url;
    },
    async kill() {
      const { child } = state.ferret;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await database.start();
  return database;
}

/** Waits until no queue holds a message (dead letters aside) and no delivery is pending. */
async function settle(ctx, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last = '';
  while (Date.now() < deadline) {
    const queues = await ctx.node.queues().catch(() => []);
    const busy = queues.filter((q) => q.messages > 0 && !IDLE_QUEUES.some((re) => re.test(q.name)));
    const pending = await ctx.http.ops(
      'propagation',
      'GET',
      '/v1/deliveries?status=pending&limit=1000',
    );
    const pendingCount = Array.isArray(pending.json) ? pending.json.length : -1;
    const summary = `${busy.map((q) => `${q.name}:${q.messages}`).join(' ')} pending:${pendingCount}`;
    if (busy.length === 0 && pendingCount === 0) {
      quiet += 1;
      if (quiet >= 3) return true;
    } else {
      quiet = 0;
      if (summary !== last) log(`settling: ${summary}`);
      last = summary;
    }
    await sleep(2000);
  }
  return false;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  log(`seed ${options.seed}, ${options.durationS} s of load${options.quick ? ' (quick)' : ''}`);

  state.tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rod-chaos-'));
  const logDir = path.join(root, 'tmp', 'chaos', new Date().toISOString().replace(/[:.]/g, '-'));
  fs.mkdirSync(logDir, { recursive: true });
  process.env.ROD_DEV_KEYS_DIR = path.join(state.tmpDir, 'keys');
  fs.mkdirSync(process.env.ROD_DEV_KEYS_DIR);
  const { freePort } = require('../dev/ferretdb');
  const { ensureDevAuthKeys, ensureDevExtractKeys } = require('../token/dev-keys');

  const nodeDir = path.join(state.tmpDir, 'rabbitmq');
  fs.mkdirSync(nodeDir);
  state.node = new RabbitNode({
    dir: nodeDir,
    port: await freePort(),
    distPort: await freePort(),
    log,
  });
  // The broker node takes 10-45 s to start here: meanwhile the build and the database.
  const [brokerStartS, database] = await Promise.all([
    state.node.start(),
    embeddedDatabase(state.tmpDir),
    buildIfNeeded(),
  ]);
  log(
    `private RabbitMQ node ${state.node.node} on port ${state.node.port} (started in ${brokerStartS.toFixed(1)} s)`,
  );

  for (const partner of PARTNERS) {
    const receiver = new PartnerReceiver(partner);
    await receiver.listen();
    state.receivers.push(receiver);
  }
  const partners = partnersConfig(state.receivers);
  const partnersFile = path.join(state.tmpDir, 'partners.json');
  fs.writeFileSync(partnersFile, JSON.stringify(partners.file, null, 2));

  const ports = {};
  for (const name of ['register', 'propagation', 'reporting']) ports[name] = await freePort();
  state.services = new Services({
    ports,
    logDir,
    log,
    env: {
      ...process.env,
      AMQP_URL: state.node.url,
      MONGO_URL: database.url,
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      AUTH_JWKS_FILE: ensureDevAuthKeys(root).jwksFile,
      EXTRACT_SIGNING_KEYS_FILE: ensureDevExtractKeys(root),
      PROPAGATION_PARTNERS_FILE: partnersFile,
      PROPAGATION_RETRY_BASE_MS: '200',
      PROPAGATION_MAX_ATTEMPTS: '12',
      // The driver is one client sending a whole country's load; the limit is not under test.
      RATE_LIMIT_CLIENT: '1000000',
      RATE_LIMIT_ANONYMOUS_READ: '1000000',
      RATE_LIMIT_ANONYMOUS_WRITE: '1000000',
      ...partners.env,
    },
  });
  log('starting register, propagation, reporting');
  await state.services.startAll();
  log(`services ready (logs in ${path.relative(root, logDir)})`);

  state.client = new CommandClient(state.node.url, { log, replyTimeoutMs: 30_000 });
  await state.client.connect();
  const http = new HttpClient(state.services);
  const random = seededRandom(options.seed);
  const load = new Load({
    client: state.client,
    http,
    random,
    institutions: INSTITUTIONS,
    log,
    partners: state.receivers,
  });
  const ctx = {
    services: state.services,
    node: state.node,
    database,
    receivers: state.receivers,
    client: state.client,
    institutions: INSTITUTIONS,
    poison: { commands: 0, events: 0, eventRoutingKey: POISON_EVENT_ROUTING_KEY },
    runId: `${options.seed}-${Date.now().toString(36)}`,
    http,
  };

  const loadEnds = Date.now() + options.durationS * 1000;
  const progress = setInterval(() => {
    log(
      `load: ${load.results.size} results, ${load.commands.sent} commands (${load.commands.accepted} accepted, ` +
        `${load.commands.rejected} rejected, ${load.commands.republished} sent again), ${load.stories.size} in flight`,
    );
  }, 10_000);
  // Every fault runs at least once, under load; a longer run goes round again.
  let faultsDone = false;
  const [, faults] = await Promise.all([
    load.run({
      intervalMs: 1000 / options.rate,
      until: () => faultsDone && Date.now() > loadEnds,
    }),
    runFaults(ctx, options, {
      gapMs: options.quick ? 4000 : 15_000,
      anotherRound: () => !options.quick && Date.now() < loadEnds - 60_000,
      log,
    }).finally(() => (faultsDone = true)),
  ]);
  clearInterval(progress);
  log(
    `load done: ${load.results.size} results, every command answered; waiting for the system to settle`,
  );
  const settled = await settle(ctx, options.quick ? 240_000 : 600_000);
  if (!settled) log('the system did not settle in time: reconciling anyway');

  log('reconciling');
  const counts = reconcile.newCounts();
  const problems = [];
  const args = { http, results: load.results, receivers: state.receivers, counts, problems };
  await reconcile.checkRegister(args);
  await reconcile.checkDeliveries(args);
  const flags = await reconcile.checkFlags(args);
  const extractsChecked = await reconcile.checkExtracts(args);
  const overview = await reconcile.checkOverview({ ...args, institutions: INSTITUTIONS });
  const deadLetters = await reconcile.checkDeadLetters({
    node: state.node,
    poison: ctx.poison,
    counts,
    problems,
  });

  const truths = [...load.results.values()].filter((t) => t.registered);
  const deliveries = {};
  for (const r of state.receivers) {
    let times = 0;
    for (const d of r.received.values()) times += d.times;
    deliveries[r.partner.id] = {
      deliveryIds: r.received.size,
      posts: times,
      refused503: r.refused,
      badSignatures: r.badSignatures,
    };
  }
  const crashes = state.services.unexpectedExits.length;
  const pass =
    settled &&
    crashes === 0 &&
    Object.values(counts).every((n) => n === 0) &&
    load.unexpectedRejections.length === 0 &&
    load.extractFailures === 0;
  const summary = {
    pass,
    seed: options.seed,
    quick: options.quick,
    durationS: Math.round((Date.now() - started) / 1000),
    loadS: options.durationS,
    lost: counts.lost,
    duplicated: counts.duplicated,
    unflagged: counts.unflagged,
    wrongCounts: counts.wrongCounts,
    unsettled: counts.unsettled,
    unrevoked: counts.unrevoked,
    extraFlags: counts.extraFlags,
    unexpectedDeadLetters: counts.deadLetters,
    crashes,
    settled,
    results: truths.length,
    deleted: truths.filter((t) => t.deleted).length,
    deletedAfterIrreversibleDelivery: flags.deletedAfterHeld,
    suspended: truths.filter((t) => t.suspended).length,
    corrections: truths.reduce((n, t) => n + t.corrections.length, 0),
    commands: {
      ...load.commands,
      unexpectedRejections: load.unexpectedRejections.length,
      strayReplies: state.client.strayReplies,
    },
    extracts: { verified: extractsChecked, failedToIssue: load.extractFailures },
    flags: flags.expectedFlags,
    deliveries,
    poison: { commands: ctx.poison.commands, events: ctx.poison.events },
    deadLetterQueues: deadLetters,
    overview,
    brokerStartS: Math.round(brokerStartS * 10) / 10,
    faults,
  };
  for (const problem of problems.slice(0, 40)) log(`problem: ${JSON.stringify(problem)}`);
  for (const rejection of load.unexpectedRejections.slice(0, 20))
    log(`rejected: ${JSON.stringify(rejection)}`);
  if (problems.length > 40) log(`… and ${problems.length - 40} more problems`);
  if (pass && !options.keepLogs) fs.rmSync(logDir, { recursive: true, force: true });
  else log(`service logs kept in ${path.relative(root, logDir)}`);
  await cleanup();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    log(`error: ${error.stack || error.message}`);
    await cleanup().catch(() => undefined);
    process.stdout.write(`${JSON.stringify({ pass: false, error: error.message })}\n`);
    process.exit(1);
  },
);
