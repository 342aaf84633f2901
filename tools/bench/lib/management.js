'use strict';
// The RabbitMQ management HTTP API, for counting what the broker routed during the run.
// Its statistics are refreshed every `collect_statistics_interval` (5 s by default), so
// counts are read until they stop changing.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function managementFor(amqpUrl) {
  const amqp = new URL(amqpUrl);
  const base = (process.env.RABBITMQ_MANAGEMENT_URL || `http://${amqp.hostname}:15672`).replace(
    /\/$/,
    '',
  );
  const user = decodeURIComponent(amqp.username || 'guest');
  const pass = decodeURIComponent(amqp.password || 'guest');
  const auth = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

  async function get(path) {
    const res = await fetch(`${base}${path}`, {
      headers: { authorization: auth },
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return res.json();
  }

  /** name -> { published (routed into the queue), delivered, messages } for every queue of the vhost. */
  async function queueStats(vhost) {
    const queues = await get(`/api/queues/${encodeURIComponent(vhost)}?disable_stats=false`);
    const stats = {};
    for (const q of queues) {
      stats[q.name] = {
        published: q.message_stats?.publish ?? 0,
        delivered: q.message_stats?.deliver_get ?? 0,
        messages: q.messages ?? 0,
      };
    }
    return stats;
  }

  /** name -> { in: published to the exchange, out: routed from it } for every exchange of the vhost. */
  async function exchangeStats(vhost) {
    const exchanges = await get(`/api/exchanges/${encodeURIComponent(vhost)}`);
    const stats = {};
    for (const e of exchanges) {
      stats[e.name || '(default)'] = {
        in: e.message_stats?.publish_in ?? 0,
        out: e.message_stats?.publish_out ?? 0,
      };
    }
    return stats;
  }

  /** Whether the API answers at all. */
  async function available() {
    try {
      await get('/api/overview');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Reads the vhost's queue statistics until the total routed into queues has not changed
   * for `stableMs` (or `maxMs` passed), and returns the last reading.
   */
  async function settledQueueStats(
    vhost,
    { stableMs = 6000, maxMs = 30_000, everyMs = 1000 } = {},
  ) {
    const deadline = Date.now() + maxMs;
    let last = await queueStats(vhost);
    let lastTotal = totalPublished(last);
    let since = Date.now();
    while (Date.now() < deadline) {
      await sleep(everyMs);
      const now = await queueStats(vhost);
      const total = totalPublished(now);
      if (total !== lastTotal) {
        last = now;
        lastTotal = total;
        since = Date.now();
      } else {
        last = now;
        if (Date.now() - since >= stableMs) break;
      }
    }
    return last;
  }

  return { base, get, queueStats, exchangeStats, settledQueueStats, available };
}

function totalPublished(stats, exclude = () => false) {
  return Object.entries(stats)
    .filter(([name]) => !exclude(name))
    .reduce((acc, [, s]) => acc + s.published, 0);
}

module.exports = { managementFor, totalPublished };
