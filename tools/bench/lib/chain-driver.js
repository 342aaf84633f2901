'use strict';
// Drives a command mix (lib/mix.js) through a running environment, as institution back-ends
// and partners would, and times each command end to end: published to register.commands →
// every partner delivery it causes received from partner.<id>.inbox. Then checks that
// reporting counted every result (its `results` documents reached the sequence the accepted
// commands imply). Flat out (`ratePerSecond` null: registrations as fast as the broker
// confirms them) or paced (a steady number of commands per second).
//
// The bench also taps results.events (a queue of its own, left out of the message counts),
// to know each event's `sequence` for the order check of the deliveries.
const { performance } = require('node:perf_hooks');

const { WindowedPublisher } = require('./windowed-publisher');
const { checkDeliveries } = require('./delivery-check');
const { latencySummary, round } = require('./stats');
const { checkInterrupted, noop } = require('./lifecycle');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const INBOX = (partnerId) => `partner.${partnerId}.inbox`;
/** Give up when nothing arrived (reply or delivery) for this long after the last command was sent. */
const STALL_MS = 60_000;
const WATCHED_QUEUES = [
  'register.commands',
  'propagation.result-events',
  'reporting.result-events',
];

class ChainDriver {
  /**
   * @param environment a started Environment (lib/environment.js)
   * @param mix from makeMix (lib/mix.js)
   * @param partners partner ids whose inboxes to read
   */
  constructor(environment, mix, { bench, log, partners, window = 500, tag = 'run' }) {
    this.environment = environment;
    this.mix = mix;
    this.bench = bench;
    this.log = log;
    this.partners = partners;
    this.window = window;
    this.tag = tag;
    const n = mix.commands.length;
    this.publishedAt = new Float64Array(n);
    this.doneAt = new Float64Array(n);
    this.status = new Uint8Array(n); // 0 no reply yet, 1 accepted, 2 rejected
    this.pending = Int32Array.from(mix.commands, (c) => c.deliveries.length);
    this.cancelled = new Uint8Array(n);
    this.expectedSequence = new Int32Array(mix.results.length);
    this.byMessageId = new Map(mix.commands.map((c) => [c.messageId, c.i]));
    this.byDelivery = new Map();
    this.dependents = new Map(); // registration -> [follow-up]
    for (const c of mix.commands) {
      const resultId = mix.results[c.result].resultId;
      for (const d of c.deliveries)
        this.byDelivery.set(`${resultId}|${d.kind}|${d.partnerId}`, c.i);
      if (c.after) {
        if (!this.dependents.has(c.after.command)) this.dependents.set(c.after.command, []);
        this.dependents.get(c.after.command).push(c.i);
      }
    }
    this.ready = [];
    this.wake = null;
    this.published = 0;
    this.doneCount = 0;
    this.replies = 0;
    this.duplicateReplies = 0;
    this.accepted = 0;
    this.rejected = 0;
    this.rejections = new Map();
    this.received = 0; // deliveries of this run's results
    this.strangers = 0; // deliveries of results not in this run
    this.arrivals = []; // for the duplicate and order check
    this.sequences = new Map(); // eventId -> sequence (the tap)
    this.seenKeys = new Set(); // result|kind|partner of the deliveries received
    this.lastDoneAt = 0;
    this.lastProgressAt = 0; // the last reply or delivery
    this.brokerLost = null;
    this.connections = [];
    this.timers = [];
  }

  async connect() {
    const amqp = require('amqplib');
    const connection = await amqp.connect(this.environment.amqpUrl);
    connection.on('error', noop);
    connection.on('close', (err) => {
      if (!this.closing && !this.brokerLost) {
        this.brokerLost = `the broker closed the bench's connection (${err ? err.message : 'closed'})`;
        this.log(this.brokerLost);
      }
    });
    this.connections.push(connection);
    return connection;
  }

  checkAlive() {
    checkInterrupted(this.bench);
    if (this.brokerLost) throw new Error(`${this.brokerLost}: the measurement is void`);
    this.environment.checkAlive();
  }

  /** Connections, the bench's reply and tap queues, the partner inbox consumers. */
  async open() {
    this.publisherConnection = await this.connect();
    const consumer = await this.connect();
    // The services declare the exchanges and the inboxes (quorum queues with dead-lettering):
    // wait for them rather than declaring them with possibly other arguments.
    const deadline = Date.now() + 30_000;
    for (;;) {
      this.checkAlive();
      const probe = await consumer.createChannel();
      probe.on('error', noop);
      try {
        await probe.checkExchange('register.replies');
        await probe.checkExchange('results.events');
        for (const p of this.partners) await probe.checkQueue(INBOX(p));
        await probe.close();
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(
            'the exchanges or partner inboxes do not exist 30 s after the services were ready',
          );
        }
        await sleep(500);
      }
    }

    const replies = await consumer.createChannel();
    await replies.prefetch(1000);
    const repliesQueue = `bench.replies-${this.tag}-${Date.now()}`;
    await replies.assertQueue(repliesQueue, { exclusive: true, durable: false, autoDelete: true });
    await replies.bindQueue(repliesQueue, 'register.replies', '#');
    await replies.consume(repliesQueue, (msg) => msg && this.onReply(replies, msg), {
      noAck: false,
    });

    const tap = await consumer.createChannel();
    await tap.prefetch(1000);
    this.tapQueue = `bench.tap-${this.tag}-${Date.now()}`;
    await tap.assertQueue(this.tapQueue, { exclusive: true, durable: false, autoDelete: true });
    await tap.bindQueue(this.tapQueue, 'results.events', '#');
    await tap.consume(
      this.tapQueue,
      (msg) => {
        if (!msg) return;
        tap.ack(msg);
        try {
          const event = JSON.parse(msg.content.toString('utf8'));
          if (event.eventId) this.sequences.set(event.eventId, event.sequence);
        } catch {
          // not an event of ours
        }
      },
      { noAck: false },
    );

    for (const partnerId of this.partners) {
      const inbox = await consumer.createChannel();
      await inbox.prefetch(1000);
      await inbox.consume(
        INBOX(partnerId),
        (msg) => msg && this.onDelivery(inbox, partnerId, msg),
        {
          noAck: false,
        },
      );
    }
    this.depthChannel = await this.publisherConnection.createChannel();
    this.depthChannel.on('error', noop);
  }

  onReply(channel, msg) {
    channel.ack(msg);
    let reply;
    try {
      reply = JSON.parse(msg.content.toString('utf8'));
    } catch {
      return;
    }
    const i = this.byMessageId.get(reply.commandId ?? msg.properties.messageId);
    if (i === undefined) return;
    if (this.status[i] !== 0) {
      this.duplicateReplies++;
      return;
    }
    this.replies++;
    this.lastProgressAt = performance.now();
    const command = this.mix.commands[i];
    if (reply.status === 'accepted') {
      this.status[i] = 1;
      this.accepted++;
      // A registration, correction, deletion or fraud report: one event of the result each.
      this.expectedSequence[command.result] += 1;
      this.release(i, 'accepted');
      if (command.deliveries.length === 0) this.markDone(i);
    } else {
      this.status[i] = 2;
      this.rejected++;
      for (const e of reply.errors ?? [{ code: '?' }]) {
        const key = `${command.type}: ${e.code}${e.field ? ` (${e.field})` : ''}`;
        this.rejections.set(key, (this.rejections.get(key) ?? 0) + 1);
      }
      // Nothing follows from a rejected command; its follow-ups are not sent.
      for (const j of this.dependents.get(i) ?? []) this.cancelled[j] = 1;
      this.markDone(i, { rejected: true });
    }
  }

  onDelivery(channel, partnerId, msg) {
    const now = performance.now();
    channel.ack(msg);
    let delivery;
    try {
      delivery = JSON.parse(msg.content.toString('utf8'));
    } catch {
      this.strangers++;
      return;
    }
    const i = this.byDelivery.get(`${delivery.resultId}|${delivery.kind}|${partnerId}`);
    if (i === undefined) {
      this.strangers++;
      return;
    }
    this.received++;
    this.lastProgressAt = now;
    this.arrivals.push({
      partnerId,
      deliveryId: delivery.deliveryId,
      eventId: delivery.eventId,
      resultId: delivery.resultId,
      kind: delivery.kind,
    });
    const key = `${delivery.resultId}|${delivery.kind}|${partnerId}`;
    if (this.seenKeys.has(key)) return; // a duplicate: counted by the check
    this.seenKeys.add(key);
    this.pending[i] -= 1;
    if (this.pending[i] === 0) this.markDone(i, { at: now });
  }

  markDone(i, { at = performance.now(), rejected = false } = {}) {
    if (this.doneAt[i] > 0) return;
    this.doneAt[i] = at;
    this.doneCount++;
    if (!rejected) this.lastDoneAt = Math.max(this.lastDoneAt, at);
    this.release(i, 'delivered');
  }

  /** Follow-ups of registration i waiting for `when` become ready to send. */
  release(i, when) {
    if (this.mix.commands[i].kind !== 'register') return;
    for (const j of this.dependents.get(i) ?? []) {
      if (this.mix.commands[j].after.when === when && !this.cancelled[j]) this.ready.push(j);
    }
    if (this.wake) this.wake();
  }

  async depths() {
    const parts = [];
    for (const q of WATCHED_QUEUES) {
      const r = await this.depthChannel.checkQueue(q).catch(() => null);
      parts.push(`${q} ${r ? r.messageCount : '?'}`);
    }
    return parts.join(', ');
  }

  /**
   * Sends the mix and waits for it to arrive. `ratePerSecond`: null for flat out. `stopWhen(driver)`:
   * stop sending when it returns a reason (the commands not sent are left out). `timeoutMs`: for
   * the whole run, reporting included.
   */
  async run({ ratePerSecond = null, stopWhen = null, timeoutMs }) {
    const { commands, registrations } = this.mix;
    const channel = await this.publisherConnection.createConfirmChannel();
    const publisher = new WindowedPublisher(channel, this.window);
    const t0 = performance.now();
    this.t0 = t0;
    const deadline = t0 + timeoutMs;
    let progressBusy = false;
    const progress = setInterval(() => {
      if (progressBusy) return;
      progressBusy = true;
      void this.depths()
        .catch(() => '?')
        .then((q) =>
          this.log(
            `t=${((performance.now() - t0) / 1000).toFixed(0)}s sent ${this.published}, replies ${this.replies}, ` +
              `deliveries ${this.received}, done ${this.doneCount} | ready: ${q}`,
          ),
        )
        .finally(() => (progressBusy = false));
    }, 3000);
    this.timers.push(progress);

    let cursor = 0;
    let stoppedBecause = null;
    let timedOut = false;
    const resolved = () => {
      // every command sent or cancelled
      for (let j = registrations; j < commands.length; j++) {
        if (!this.publishedAt[j] && !this.cancelled[j]) return false;
      }
      return true;
    };
    try {
      for (;;) {
        this.checkAlive();
        if (performance.now() > deadline) {
          timedOut = true;
          break;
        }
        const reason = stopWhen?.(this);
        if (reason) {
          stoppedBecause = reason;
          break;
        }
        let i = -1;
        if (this.ready.length) i = this.ready.shift();
        else if (cursor < registrations) i = cursor++;
        if (i < 0) {
          if (cursor >= registrations && resolved()) break;
          if (performance.now() - Math.max(this.lastProgressAt, t0) > STALL_MS) {
            stoppedBecause = `nothing arrived for ${STALL_MS / 1000} s while follow-ups waited for their results`;
            break;
          }
          await new Promise((resolve) => {
            this.wake = resolve;
            setTimeout(resolve, 50);
          });
          this.wake = null;
          continue;
        }
        if (ratePerSecond) {
          const due = t0 + (this.published * 1000) / ratePerSecond;
          const now = performance.now();
          if (due > now) await sleep(due - now);
        }
        const c = commands[i];
        this.publishedAt[i] = performance.now();
        this.published++;
        await publisher.publish(
          'register.commands',
          c.routingKey,
          Buffer.from(JSON.stringify(c.body)),
          {
            messageId: c.messageId,
            type: c.type,
            contentType: 'application/json',
            persistent: true,
            timestamp: Math.floor(Date.now() / 1000),
          },
        );
      }
      await publisher.flush();
    } finally {
      await channel.close().catch(noop);
    }
    const sentAt = performance.now();
    if (stoppedBecause)
      this.log(`stopped sending after ${this.published} commands: ${stoppedBecause}`);

    // Every command sent is done (delivered everywhere, or rejected) and replied to.
    const sent = () => this.published;
    const allDone = () => {
      if (this.doneCount < sent()) return false;
      for (let i = 0; i < commands.length; i++) {
        if (this.publishedAt[i] && (!this.doneAt[i] || this.status[i] === 0)) return false;
      }
      return true;
    };
    let stalled = false;
    while (!timedOut && !stalled && !allDone()) {
      this.checkAlive();
      const now = performance.now();
      if (now > deadline) timedOut = true;
      else if (now - Math.max(this.lastProgressAt, sentAt) > STALL_MS) stalled = true;
      else await sleep(50);
    }
    const deliveredAt = this.lastDoneAt;

    // Reporting: each result's read-model document at the sequence its accepted commands imply.
    let reporting = { verified: false, behind: null };
    let reportingAt = null;
    while (!timedOut && !stalled) {
      this.checkAlive();
      const scanAt = performance.now();
      reporting = await this.reportingBehind();
      if (reporting.behind === 0) {
        reporting.verified = true;
        reportingAt = scanAt;
        break;
      }
      if (performance.now() > deadline) timedOut = true;
      else await sleep(1000);
    }
    clearInterval(progress);
    while (progressBusy) await sleep(20);

    const complete = !timedOut && !stalled && reporting.verified;
    const endAt = complete ? Math.max(deliveredAt, reportingAt ?? 0) : performance.now();
    const latencies = [];
    for (let i = 0; i < commands.length; i++) {
      if (
        this.publishedAt[i] &&
        this.doneAt[i] &&
        this.status[i] === 1 &&
        commands[i].deliveries.length
      ) {
        latencies.push(this.doneAt[i] - this.publishedAt[i]);
      }
    }
    const seconds = (endAt - t0) / 1000;
    const check = checkDeliveries(this.arrivals, (eventId) => this.sequences.get(eventId));
    const figures = {
      commands: this.published,
      commandsPlanned: commands.length,
      accepted: this.accepted,
      rejected: this.rejected,
      ...(this.rejections.size ? { rejections: Object.fromEntries(this.rejections) } : {}),
      duplicateReplies: this.duplicateReplies,
      done: this.doneCount,
      deliveriesExpected: commands.reduce(
        (acc, c) =>
          acc + (this.publishedAt[c.i] && this.status[c.i] !== 2 ? c.deliveries.length : 0),
        0,
      ),
      deliveriesReceived: this.received,
      seconds: round(seconds, 2),
      sendSeconds: round((sentAt - t0) / 1000, 2),
      lastDeliverySeconds: round(deliveredAt ? (deliveredAt - t0) / 1000 : null, 2),
      reportingVerifiedSeconds: round(reportingAt ? (reportingAt - t0) / 1000 : null, 2),
      resultsPerSecond: complete ? round(this.doneCount / seconds, 2) : null,
      donePerSecond: round(this.doneCount / seconds, 2),
      // Up to the last command done: the pace while things flowed, also of a run that stalled.
      donePerSecondToLastDone: deliveredAt
        ? round(this.doneCount / ((deliveredAt - t0) / 1000), 2)
        : null,
      latency: latencySummary(latencies),
      reporting,
      deliveryCheck: check,
      ...(this.strangers ? { otherDeliveries: this.strangers } : {}),
      ...(stoppedBecause ? { stoppedSending: stoppedBecause } : {}),
      complete,
    };
    if (!complete) {
      const where =
        `${this.doneCount}/${this.published} commands done, ` +
        `reporting ${reporting.behind === null ? 'not checked' : `${reporting.behind} results behind`}`;
      figures.error = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s: ${where}`
        : stalled
          ? `nothing arrived for ${STALL_MS / 1000} s: ${where}`
          : where;
      figures.notDone = await this.withLedgers(this.notDone());
      for (const n of figures.notDone) this.log(`not done: ${JSON.stringify(n)}`);
    }
    return figures;
  }

  /** Up to `max` commands sent but not done: what they are and which deliveries are missing. */
  notDone(max = 5) {
    const found = [];
    for (const c of this.mix.commands) {
      if (found.length >= max) break;
      if (!this.publishedAt[c.i] || (this.doneAt[c.i] && this.status[c.i] !== 0)) continue;
      const resultId = this.mix.results[c.result].resultId;
      found.push({
        type: c.type,
        resultId,
        reply: ['none', 'accepted', 'rejected'][this.status[c.i]],
        missing: c.deliveries
          .filter((d) => !this.seenKeys.has(`${resultId}|${d.kind}|${d.partnerId}`))
          .map((d) => `${d.partnerId}:${d.kind}`),
        received: this.arrivals
          .filter((a) => a.resultId === resultId)
          .map((a) => `${a.partnerId}:${a.kind}`),
      });
    }
    return found;
  }

  /**
   * Adds propagation's delivery ledger of each result (entry by entry: partner, kind, status),
   * as propagation stored it: where a missing delivery got stuck.
   */
  async withLedgers(notDone) {
    for (const n of notDone) {
      try {
        const doc = await this.environment
          .db('propagation')
          .collection('results')
          .findOne({ _id: n.resultId });
        const entries = doc?.state?.entries;
        n.propagationLedger = Array.isArray(entries)
          ? entries.map((e) =>
              [
                e.partnerId,
                e.kind,
                e.status,
                e.released ? 'released' : 'not released',
                `attempts ${e.attempts}`,
              ].join(' '),
            )
          : doc
            ? 'no entries'
            : 'no ledger document';
        if (doc) {
          n.propagationLastSequence = doc.lastSequence ?? null;
          n.propagationOutboxPending = doc.outboxPending ?? null;
        }
      } catch (err) {
        n.propagationLedger = `unreadable: ${err.message}`;
      }
    }
    return notDone;
  }

  /** How many results reporting has not yet brought to their expected sequence. */
  async reportingBehind() {
    const want = new Map();
    this.mix.results.forEach((r, k) => {
      if (this.expectedSequence[k] > 0) want.set(r.resultId, this.expectedSequence[k]);
    });
    const docs = await this.environment
      .db('reporting')
      .collection('results')
      .find({}, { projection: { lastSequence: 1 } })
      .toArray();
    let reached = 0;
    for (const doc of docs) {
      const expected = want.get(doc._id);
      if (expected !== undefined && doc.lastSequence >= expected) reached++;
    }
    return { results: want.size, behind: want.size - reached };
  }

  /** What the bench itself consumed, as a partner and an institution would (for the message count). */
  benchConsumed() {
    return {
      'partner inboxes (bench)': this.received + this.strangers,
      'register.replies (bench)': this.replies + this.duplicateReplies,
    };
  }

  async close() {
    this.closing = true;
    for (const t of this.timers) clearInterval(t);
    for (const c of this.connections) await c.close().catch(noop);
  }
}

module.exports = { ChainDriver };
