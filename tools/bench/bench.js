#!/usr/bin/env node
'use strict';
// `npm run bench`: throughput and latency of the whole system, flat out.
//
// Starts the three built services against a fresh RabbitMQ vhost and a fresh database,
// measures the raw broker ceiling in that vhost, then sends N register-result commands as
// institution back-ends do and times each one from publishing the command to its arrival in
// partner.mijnoverheid.inbox. Progress goes to stderr; the last line of stdout is one JSON
// object (see docs/benchmark.md). Exits non-zero when not every result arrived.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { parseArgs, USAGE } = require('./lib/args');
const {
  root,
  SERVICES,
  buildIfNeeded,
  ServiceProcess,
  waitReady,
  httpText,
  handlingTimes,
} = require('./lib/services');
const {
  releaseSharedResources,
  stopOnSignals,
  checkInterrupted: checkInterruptedOf,
  freshEmbeddedDatabase,
  freshVhost,
} = require('./lib/lifecycle');

const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const noop = () => {};
const round = (value, digits = 1) =>
  value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const PARTNER_INBOX = 'partner.mijnoverheid.inbox';

/**
 * Broker messages one registered result costs, by design (used when the management API
 * cannot count them):
 *   1  the RegisterResult command, into register.commands
 *   1  the reply, to register.replies (counted as delivered: the bench binds a queue there,
 *      as an institution that wants its replies does)
 *   2  ResultRegistered to results.events, routed to propagation.result-events and to
 *      reporting.result-events (two deliveries)
 *   1  the partner delivery to partners.outbound → partner.mijnoverheid.inbox
 *      (cibg-big gets nothing: CROHO 34479 is not a healthcare programme)
 *   = 5 messages routed into queues (4 publishes).
 */
const DESIGN_MESSAGES_PER_RESULT = 5;

// ---------------------------------------------------------------- state and clean-up

const state = {
  stopping: false,
  cleaning: null,
  helpers: new Set(), // npm run build
  services: {}, // name -> ServiceProcess
  rss: null,
  ferret: null,
  vhost: null,
  tmpDirs: [],
  amqpConnections: new Set(),
  mongo: null,
  dropDatabases: [],
  brokerLost: null,
  timers: new Set(),
};

function cleanup() {
  if (state.cleaning) return state.cleaning;
  state.cleaning = (async () => {
    for (const timer of state.timers) clearInterval(timer);
    for (const helper of state.helpers) {
      try {
        helper.kill('SIGTERM');
      } catch {
        // gone
      }
    }
    for (const connection of state.amqpConnections) await connection.close().catch(noop);
    state.rss?.stop();
    const alive = Object.values(state.services).filter((s) => s.running);
    if (alive.length) log(`stopping ${alive.map((s) => s.name).join(', ')}`);
    await Promise.all(Object.values(state.services).map((s) => s.stop()));
    if (state.mongo) {
      for (const name of state.dropDatabases) {
        await state.mongo
          .useDb(name, { useCache: false })
          .dropDatabase()
          .catch((err) => log(`could not drop database ${name}: ${err.message}`));
      }
      await state.mongo.close().catch(noop);
    }
    await releaseSharedResources(state, log);
  })();
  return state.cleaning;
}

stopOnSignals(state, { cleanup, children: () => Object.values(state.services), log });

function checkInterrupted() {
  checkInterruptedOf(state);
}

function checkServicesAlive() {
  if (state.brokerLost) throw new Error(`${state.brokerLost}: the measurement is void`);
  for (const s of Object.values(state.services)) {
    if (!s.running) {
      throw new Error(
        `${s.name} exited during the run (${s.exited.signal || `exit code ${s.exited.code}`}); its last output:\n` +
          s.tail.slice(-20).join('\n'),
      );
    }
  }
}

function every(ms, fn) {
  const timer = setInterval(fn, ms);
  state.timers.add(timer);
  return () => {
    clearInterval(timer);
    state.timers.delete(timer);
  };
}

/** Polls `done()` until true; false when `timeoutMs` passed. */
async function waitFor(done, timeoutMs, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    checkInterrupted();
    checkServicesAlive();
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

async function connectAmqp(amqp, url) {
  const connection = await amqp.connect(url);
  connection.on('error', noop);
  connection.on('close', (err) => {
    state.amqpConnections.delete(connection);
    // A broker restart (on a shared machine, someone's `rabbitmqctl stop_app`) voids the
    // measurement: the bench does not reconnect, it reports and stops.
    if (!state.cleaning && !state.brokerLost) {
      state.brokerLost = `the broker closed the bench's connection (${err ? err.message : 'closed'})`;
      log(state.brokerLost);
    }
  });
  state.amqpConnections.add(connection);
  return connection;
}

// ---------------------------------------------------------------- the run

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const N = options.count;
  const started = Date.now();

  // 1. Prepare: build, broker vhost, database.
  await buildIfNeeded({ log, track: (child) => state.helpers.add(child) });
  checkInterrupted();
  const amqp = require('amqplib');
  const mongoose = require('mongoose');
  const { freePort } = require('../dev/ferretdb');
  const { ensureRabbitmq, redactUrl } = require('../dev/rabbitmq');
  const { measureBrokerCeiling } = require('./lib/broker-ceiling');
  const { WindowedPublisher } = require('./lib/windowed-publisher');
  const { institutionCodes, registerResultCommand } = require('./lib/results');
  const { RssSampler, CpuMeter, rabbitmqPids, machineBusyShare } = require('./lib/proc');
  const { managementFor } = require('./lib/management');

  const baseUrl = process.env.AMQP_URL || DEFAULT_AMQP_URL;
  await ensureRabbitmq(baseUrl, { log });
  checkInterrupted();
  const ts = Date.now();
  const vhost = `rod-bench-${ts}`;
  const amqpUrl = await freshVhost(state, baseUrl, vhost, log);
  checkInterrupted();

  let mongoUrl = process.env.MONGO_URL;
  const databases = Object.fromEntries(SERVICES.map((s) => [s.name, `bench-${ts}-${s.name}`]));
  if (mongoUrl) {
    log(
      `database: ${redactUrl(mongoUrl)} (MONGO_URL), databases ${Object.values(databases).join(', ')}`,
    );
    state.dropDatabases = Object.values(databases);
  } else {
    mongoUrl = await freshEmbeddedDatabase(state, 'rod-bench', log);
  }
  checkInterrupted();
  state.mongo = await mongoose
    .createConnection(mongoUrl, { dbName: databases.reporting, serverSelectionTimeoutMS: 5000 })
    .asPromise();
  let database = 'mongodb';
  try {
    const info = await state.mongo.db.admin().command({ buildInfo: 1 });
    if (
      info.ferretdbVersion ||
      info.ferretdb ||
      JSON.stringify(info).toLowerCase().includes('ferretdb')
    )
      database = 'ferretdb';
  } catch {
    if (!process.env.MONGO_URL) database = 'ferretdb';
  }
  const reportingResults = state.mongo.db.collection('results');

  // 2. Start the services.
  const ports = {};
  for (const s of SERVICES) ports[s.name] = await freePort();
  // The register signs extracts: the local development key, as `npm start` uses.
  const extractKeysFile = require('../token/dev-keys').ensureDevExtractKeys(root);
  if (options.logsDir) fs.mkdirSync(options.logsDir, { recursive: true });
  for (const s of SERVICES) {
    const env = {
      ...process.env,
      AMQP_URL: amqpUrl,
      MONGO_URL: mongoUrl,
      MONGO_DB: databases[s.name],
      REGISTER_PORT: String(ports.register),
      PROPAGATION_PORT: String(ports.propagation),
      REPORTING_PORT: String(ports.reporting),
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      EXTRACT_SIGNING_KEYS_FILE: extractKeysFile,
    };
    delete env.EXTRACT_SIGNING_KEYS; // one key setting: the development key
    state.services[s.name] = new ServiceProcess(s.name, env, {
      logFile: options.logsDir ? path.join(options.logsDir, `${s.name}.log`) : null,
    });
  }
  const urls = Object.fromEntries(
    SERVICES.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}`]),
  );
  log(`starting ${SERVICES.map((s) => `${s.name} (:${ports[s.name]})`).join(', ')}`);
  state.rss = new RssSampler(
    Object.fromEntries(SERVICES.map((s) => [s.name, state.services[s.name].pid])),
  );
  await waitReady(state.services, urls, { log, isStopping: () => state.stopping });
  checkInterrupted();
  const busy = await machineBusyShare(2000);
  if (busy !== null) {
    log(
      `machine CPU busy before the run: ${Math.round(busy * 100)}%` +
        (busy > 0.2 ? ' (other work on this machine lowers the figures)' : ''),
    );
  }

  // 3. The raw broker ceiling, in the same vhost, while the services idle.
  let ceiling = null;
  if (options.ceilingCount > 0) {
    log(
      `broker ceiling: ${options.ceilingCount} persistent messages of ~${options.ceilingSize} bytes through one quorum queue`,
    );
    ceiling = await measureBrokerCeiling(amqpUrl, {
      count: options.ceilingCount,
      size: options.ceilingSize,
      window: options.window,
      log,
    });
    log(
      `broker ceiling: ${Math.round(ceiling.messagesPerSecond)} msg/s published and consumed ` +
        `(${ceiling.messages} in ${ceiling.seconds.toFixed(2)} s; publishing alone took ${ceiling.publishSeconds.toFixed(2)} s)`,
    );
  }
  checkInterrupted();

  // 4-5. Send N results, collect replies and partner deliveries.
  const publisherConnection = await connectAmqp(amqp, amqpUrl);
  const consumerConnection = await connectAmqp(amqp, amqpUrl);

  // The inbox is declared by propagation (a quorum queue with a dead-letter exchange): wait
  // for it rather than declaring it with possibly different arguments.
  const inboxReady = await waitFor(
    async () => {
      const probe = await consumerConnection.createChannel();
      probe.on('error', noop);
      try {
        await probe.checkQueue(PARTNER_INBOX);
        await probe.close();
        return true;
      } catch {
        return false;
      }
    },
    30_000,
    500,
  );
  if (!inboxReady)
    throw new Error(`${PARTNER_INBOX} does not exist 30 s after propagation was ready`);

  const management = managementFor(baseUrl);
  const managementUp = await management.available();
  const isCeilingQueue = (name) => name.startsWith('bench.ceiling-');
  const queuesBefore = managementUp ? await management.queueStats(vhost).catch(() => null) : null;
  if (!managementUp)
    log(
      `RabbitMQ management API not reachable at ${management.base}: messagesPerResult from the design (${DESIGN_MESSAGES_PER_RESULT})`,
    );

  const codes = institutionCodes(options.institutions);
  const run = ts.toString(36);
  const commands = Array.from({ length: N }, (_, i) => registerResultCommand(run, i, codes));
  const indexOf = new Map(commands.map((c, i) => [c.resultId, i]));
  const publishedAt = new Float64Array(N);
  const arrivedAt = new Float64Array(N);
  let delivered = 0;
  let duplicates = 0;
  let strangers = 0;
  let lastArrival = 0;
  // Replies are counted once per command: the relay publishes again what it could not mark
  // as sent (at-least-once), so the same reply can arrive more than once.
  let accepted = 0;
  let rejected = 0;
  let duplicateReplies = 0;
  let lastReply = 0;
  const replied = new Set();
  const rejections = new Map(); // error code -> count

  const inbox = await consumerConnection.createChannel();
  await inbox.prefetch(1000);
  await inbox.consume(
    PARTNER_INBOX,
    (msg) => {
      if (!msg) return;
      const now = performance.now();
      inbox.ack(msg);
      let resultId;
      try {
        resultId = JSON.parse(msg.content.toString('utf8')).resultId;
      } catch {
        // not ours
      }
      const i = indexOf.get(resultId);
      if (i === undefined) {
        strangers++;
      } else if (arrivedAt[i] === 0) {
        arrivedAt[i] = now;
        lastArrival = now;
        delivered++;
      } else {
        duplicates++;
      }
    },
    { noAck: false },
  );

  const repliesChannel = await consumerConnection.createChannel();
  await repliesChannel.prefetch(1000);
  const { queue: repliesQueue } = await repliesChannel.assertQueue('', {
    exclusive: true,
    durable: false,
    autoDelete: true,
  });
  await repliesChannel.bindQueue(repliesQueue, 'register.replies', '#');
  await repliesChannel.consume(
    repliesQueue,
    (msg) => {
      if (!msg) return;
      repliesChannel.ack(msg);
      lastReply = performance.now();
      try {
        const reply = JSON.parse(msg.content.toString('utf8'));
        const key = reply.commandId ?? msg.properties.messageId;
        if (key !== undefined && replied.has(key)) {
          duplicateReplies++;
          return;
        }
        replied.add(key);
        if (reply.status === 'accepted') accepted++;
        else {
          rejected++;
          for (const e of reply.errors ?? [{ code: '?' }]) {
            const key = `${e.code}${e.field ? ` (${e.field})` : ''}`;
            rejections.set(key, (rejections.get(key) || 0) + 1);
          }
        }
      } catch {
        rejected++;
      }
    },
    { noAck: false },
  );

  // Queue depths for the progress lines (messages ready, not yet taken by a consumer).
  const depthChannel = await publisherConnection.createChannel();
  depthChannel.on('error', noop);
  const watched = [
    'register.commands',
    'propagation.result-events',
    'reporting.result-events',
    PARTNER_INBOX,
  ];
  const depths = async () => {
    const parts = [];
    for (const q of watched) {
      const r = await depthChannel.checkQueue(q).catch(() => null);
      parts.push(`${q} ${r ? r.messageCount : '?'}`);
    }
    return parts.join(', ');
  };
  // Counting with a filter makes FerretDB read and decode every document of the collection
  // (~0.1-0.2 ms each), which would slow the system under test; so the polls use the
  // collection's document count (collStats, cheap) and the filtered count is taken only once
  // that reaches N.
  let reported = 0;
  let roughReported = 0;
  const countReported = async () => {
    reported = await reportingResults.countDocuments({ lastSequence: { $gte: 1 } });
    return reported;
  };
  const roughCountReported = async () => {
    try {
      const stats = await state.mongo.db.command({ collStats: 'results' });
      roughReported = Number(stats.count ?? 0);
    } catch {
      roughReported = await reportingResults.estimatedDocumentCount().catch(() => roughReported);
    }
    return roughReported;
  };

  const cpu = new CpuMeter({
    register: [state.services.register.pid],
    propagation: [state.services.propagation.pid],
    reporting: [state.services.reporting.pid],
    rabbitmq: rabbitmqPids(),
    ...(state.ferret ? { ferretdb: [state.ferret.child.pid] } : {}),
  });

  const channel = await publisherConnection.createConfirmChannel();
  const publisher = new WindowedPublisher(channel, options.window);
  const t0 = performance.now();
  let publishDone = 0;
  let progressBusy = false;
  const stopProgress = every(2000, () => {
    if (progressBusy) return;
    progressBusy = true;
    void (async () => {
      const seconds = ((performance.now() - t0) / 1000).toFixed(0);
      const q = await depths().catch(() => '?');
      const r = await roughCountReported().catch(() => roughReported);
      log(
        `t=${seconds}s confirmed ${publisher.confirmed}/${N}, replies ${accepted + rejected}, ` +
          `delivered ${delivered}, reported ${r} | ready: ${q}`,
      );
    })().finally(() => (progressBusy = false));
  });

  log(
    `sending ${N} RegisterResult commands for ${codes.length} institutions (${codes[0]}…${codes[codes.length - 1]}), window ${options.window}`,
  );
  cpu.start();
  for (let i = 0; i < N; i++) {
    checkInterrupted();
    const c = commands[i];
    publishedAt[i] = performance.now();
    await publisher.publish(
      'register.commands',
      c.routingKey,
      Buffer.from(JSON.stringify(c.body)),
      {
        messageId: `bench-${run}-${i}`,
        type: 'RegisterResult',
        contentType: 'application/json',
        persistent: true,
        timestamp: Math.floor(Date.now() / 1000),
      },
    );
  }
  await publisher.flush();
  publishDone = performance.now();
  log(
    `all ${N} commands confirmed by the broker in ${((publishDone - t0) / 1000).toFixed(2)} s (${Math.round(N / ((publishDone - t0) / 1000))}/s)`,
  );

  const deliveryTimeoutMs = options.timeoutSeconds
    ? options.timeoutSeconds * 1000
    : Math.max(120_000, (N / 50) * 1000);
  const remainingMs = deliveryTimeoutMs - (performance.now() - t0);
  let complete = await waitFor(() => delivered === N, Math.max(0, remainingMs), 50);
  let failure = null;
  let cutoff = null; // when the run was given up: the figures stop there
  if (!complete) {
    cutoff = { at: performance.now(), delivered, lastArrival };
    failure = `only ${delivered}/${N} results reached ${PARTNER_INBOX} within ${Math.round(deliveryTimeoutMs / 1000)} s`;
    log(failure);
  } else {
    log(
      `all ${N} results delivered to ${PARTNER_INBOX} ${((lastArrival - t0) / 1000).toFixed(2)} s after the first command`,
    );
  }

  // The replies travel ahead of the deliveries; give stragglers a moment.
  await waitFor(() => accepted + rejected >= N, complete ? 15_000 : 0, 50);
  if (accepted + rejected < N)
    log(`only ${accepted + rejected}/${N} replies seen on register.replies`);

  // Reporting records every result too; wait for it.
  let reportedAt = null;
  if (complete) {
    const reportingTimeoutMs = Math.max(
      60_000,
      (N / 100) * 1000,
      (options.timeoutSeconds ?? 0) * 1000,
    );
    const caughtUp = await waitFor(
      async () => (await roughCountReported()) >= N && (await countReported()) >= N,
      reportingTimeoutMs,
      250,
    );
    if (caughtUp) {
      reportedAt = performance.now();
      log(
        `reporting recorded all ${N} results ${((reportedAt - t0) / 1000).toFixed(2)} s after the first command`,
      );
    } else {
      failure = `reporting recorded only ${reported}/${N} results within ${Math.round(reportingTimeoutMs / 1000)} s after the last delivery`;
      log(failure);
      complete = false;
    }
  } else {
    await countReported().catch(noop);
  }
  const cpuUse = cpu.stop();
  stopProgress();
  while (progressBusy) await sleep(20);
  // The figures as they stand now; the diagnostics below take a while.
  const snapshot = {
    at: performance.now(),
    delivered,
    accepted,
    rejected,
    reported,
    lastArrival,
    lastReply,
    ...(cutoff ?? {}),
  };

  // Where the time went: per-service handling times and CPU.
  for (const s of SERVICES) {
    try {
      const { text } = await httpText(`${urls[s.name]}/metrics`);
      for (const [queue, h] of Object.entries(handlingTimes(text))) {
        log(
          `${s.name}: ${h.handled} messages from ${queue} (${Object.entries(h.outcomes)
            .map(([outcome, n]) => `${outcome} ${n}`)
            .join(', ')}), mean ${h.meanMs.toFixed(1)} ms from taking to settling`,
        );
      }
    } catch (err) {
      log(`${s.name}: /metrics unreadable (${err.message})`);
    }
  }
  // Where the results stand in each service's database (the outbox is what the relay has
  // not yet published; counted with a scan, so only now that the measurement is over).
  for (const s of SERVICES) {
    try {
      const db = state.mongo.useDb(databases[s.name], { useCache: true }).db;
      const stats = await db.command({ collStats: 'results' }).catch(() => null);
      const pending = await db.collection('results').countDocuments({ outboxPending: true });
      log(
        `${s.name}: ${stats?.count ?? '?'} results stored, ${pending} with messages not yet published`,
      );
    } catch (err) {
      log(`${s.name}: database unreadable (${err.message})`);
    }
  }
  const cpuLine = Object.entries(cpuUse.cpuSeconds)
    .map(([name, s]) => `${name} ${s} s (${Math.round((s / cpuUse.wallSeconds) * 100)}%)`)
    .join(', ');
  log(
    `CPU over the ${cpuUse.wallSeconds.toFixed(1)} s of the run (100% = one core, ${os.cpus().length} cores): ${cpuLine}` +
      (cpuUse.machineBusyShare !== null
        ? `; machine busy ${Math.round(cpuUse.machineBusyShare * 100)}%`
        : ''),
  );

  // Messages per result, counted by the broker when its management API answers.
  let messagesPerResult = DESIGN_MESSAGES_PER_RESULT;
  if (!complete) {
    log(
      `messagesPerResult from the design (${DESIGN_MESSAGES_PER_RESULT}): the run did not complete`,
    );
  } else if (managementUp && queuesBefore) {
    try {
      log("reading the broker's message counts (management statistics settle within ~5 s)");
      const after = await management.settledQueueStats(vhost);
      const routed = {};
      for (const [name, s] of Object.entries(after)) {
        if (isCeilingQueue(name)) continue;
        const delta = s.published - (queuesBefore[name]?.published ?? 0);
        if (delta) routed[name.startsWith('amq.gen-') ? `${name} (bench replies)` : name] = delta;
      }
      const total = Object.values(routed).reduce((a, b) => a + b, 0);
      const exchanges = await management.exchangeStats(vhost).catch(() => ({}));
      const publishedIn = Object.entries(exchanges)
        .filter(([name]) => !name.startsWith('amq.') && name !== '(default)')
        .reduce((acc, [, e]) => acc + e.in, 0);
      log(
        `routed into queues: ${Object.entries(routed)
          .map(([q, n]) => `${q} ${n}`)
          .join(', ')}`,
      );
      log(
        `published to exchanges: ${Object.entries(exchanges)
          .filter(([, e]) => e.in)
          .map(([x, e]) => `${x} ${e.in}`)
          .join(', ')}`,
      );
      if (total > 0) {
        messagesPerResult = round(total / N, 2);
        log(
          `messages per result: ${messagesPerResult} routed into queues (${round(publishedIn / N, 2)} published); ` +
            `design: ${DESIGN_MESSAGES_PER_RESULT}`,
        );
      }
      const deadLetters = Object.entries(after).filter(
        ([name, s]) => name.endsWith('.dlq') && s.messages > 0,
      );
      if (deadLetters.length)
        log(`dead letters: ${deadLetters.map(([q, s]) => `${q} ${s.messages}`).join(', ')}`);
    } catch (err) {
      log(`could not read the broker's counts (${err.message}): messagesPerResult from the design`);
    }
  }

  const peakRssMb = state.rss.peakMb();
  for (const s of SERVICES) {
    const { levels, top } = state.services[s.name].summary();
    log(`${s.name} output: ${levels}${top.length ? `; ${top.join('; ')}` : ''}`);
  }
  if (rejections.size)
    log(`rejections: ${[...rejections].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (duplicateReplies)
    log(`register.replies: ${duplicateReplies} duplicate replies (counted once)`);
  if (duplicates || strangers)
    log(`partner inbox: ${duplicates} duplicate deliveries, ${strangers} unknown messages`);

  // The figures.
  const latencies = [];
  for (let i = 0; i < N; i++) {
    if (arrivedAt[i] > 0 && arrivedAt[i] <= snapshot.lastArrival) {
      latencies.push(arrivedAt[i] - publishedAt[i]);
    }
  }
  latencies.sort((a, b) => a - b);
  const seconds = (snapshot.lastArrival - t0) / 1000;
  const resultsPerSecond = complete ? N / seconds : null;
  log(
    `stage completion after the first command: broker confirmed all ${((publishDone - t0) / 1000).toFixed(1)} s, ` +
      `last reply ${snapshot.lastReply ? ((snapshot.lastReply - t0) / 1000).toFixed(1) : '-'} s, ` +
      `last delivery ${snapshot.lastArrival ? ((snapshot.lastArrival - t0) / 1000).toFixed(1) : '-'} s, ` +
      `reporting done ${reportedAt ? ((reportedAt - t0) / 1000).toFixed(1) : '-'} s`,
  );
  const brokerMessagesPerSecond = ceiling ? Math.round(ceiling.messagesPerSecond) : null;
  const summary = {
    scenario: 'register-flat-out',
    results: N,
    resultsPerSecond: round(resultsPerSecond, 1),
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    accepted: snapshot.accepted,
    rejected: snapshot.rejected,
    reportedByReporting: snapshot.reported,
    peakRssMb,
    brokerMessagesPerSecond,
    messagesPerResult,
    ratioToCeiling:
      resultsPerSecond !== null && brokerMessagesPerSecond
        ? round((resultsPerSecond * messagesPerResult) / brokerMessagesPerSecond, 3)
        : null,
    database,
  };
  if (!complete)
    Object.assign(summary, {
      complete: false,
      delivered: snapshot.delivered,
      // What did arrive, per second of the run: the system's pace before it was cut off.
      deliveredPerSecond: round(snapshot.delivered / ((snapshot.at - t0) / 1000), 2),
      error: failure,
    });
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await cleanup();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
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
