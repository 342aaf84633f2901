'use strict';
// How many broker messages the system moved during a run. From the management API when it
// answers (messages routed into each queue of the vhost), otherwise from what was consumed:
// the services' own counters (`rod_messages_consumed_total` in /metrics, per queue) plus
// what the bench itself consumed as a partner and an institution would (inboxes, replies).
const { httpText } = require('./services');

/** queue -> messages consumed (every outcome), from a Prometheus text page. */
function consumedByQueue(text) {
  const consumed = {};
  for (const line of text.split('\n')) {
    const m = /^rod_messages_consumed_total\{([^}]*)\}\s+([0-9.eE+-]+)/.exec(line);
    if (!m) continue;
    const queue = /queue="([^"]*)"/.exec(m[1])?.[1] ?? '?';
    consumed[queue] = (consumed[queue] ?? 0) + Number(m[2]);
  }
  return consumed;
}

/** queue -> consumed, summed over every service process of the environment. */
async function servicesConsumed(environment) {
  const total = {};
  for (const { url } of environment.processes) {
    try {
      const { text } = await httpText(`${url}/metrics`);
      for (const [queue, n] of Object.entries(consumedByQueue(text))) {
        total[queue] = (total[queue] ?? 0) + n;
      }
    } catch {
      // a service that does not answer adds nothing
    }
  }
  return total;
}

/** The difference `after − before` per key, keeping only keys that moved. */
function difference(after, before) {
  const moved = {};
  for (const [key, value] of Object.entries(after)) {
    const delta = value - (before[key] ?? 0);
    if (delta) moved[key] = delta;
  }
  return moved;
}

const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * Counts a run's messages: `begin()` before it, `end(benchConsumed)` after it (bench
 * consumption: `{ queueLabel: n }`). Returns `{ source, total, perQueue }`.
 */
class MessageCounter {
  constructor(environment, { exclude = () => false } = {}) {
    this.environment = environment;
    this.exclude = exclude; // queues of the bench's own that a real system would not have
  }

  async begin() {
    const { managementFor } = require('./management');
    this.management = managementFor(this.environment.baseUrl);
    this.managementUp = await this.management.available();
    this.before = this.managementUp
      ? await this.management.queueStats(this.environment.vhost).catch(() => null)
      : null;
    if (!this.before) this.managementUp = false;
    this.consumedBefore = await servicesConsumed(this.environment);
  }

  async end(benchConsumed) {
    if (this.managementUp) {
      try {
        const after = await this.management.settledQueueStats(this.environment.vhost, {
          stableMs: 6000,
          maxMs: 20_000,
        });
        const perQueue = {};
        for (const [name, s] of Object.entries(after)) {
          if (this.exclude(name)) continue;
          const delta = s.published - (this.before[name]?.published ?? 0);
          if (delta) perQueue[name.startsWith('amq.gen-') ? `${name} (bench)` : name] = delta;
        }
        return { source: 'management', total: sum(perQueue), perQueue };
      } catch {
        // fall through to the services' counters
      }
    }
    const perQueue = {
      ...difference(await servicesConsumed(this.environment), this.consumedBefore),
      ...benchConsumed,
    };
    return { source: 'consumed', total: sum(perQueue), perQueue };
  }
}

module.exports = { MessageCounter, consumedByQueue, difference };
