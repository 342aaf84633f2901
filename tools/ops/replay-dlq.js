#!/usr/bin/env node
'use strict';
// Moves the messages of a dead-letter queue `<queue>.dlq` back to `<queue>`, once the cause
// is fixed (docs/operations.md). Each message is published again to the queue itself (the
// default exchange, so no other consumer sees it twice) with its properties, confirmed by
// the broker, and only then removed from the dead-letter queue: nothing is lost on the way.
// The consumers are idempotent, so a message that was handled after all does no harm.
//
//   node tools/ops/replay-dlq.js --queue propagation.result-events [--limit N] [--dry-run]
//
// AMQP_URL names the broker (default amqp://guest:guest@127.0.0.1:5672). The dry run lists
// message ids, types and the reason of their death, never a body (bodies hold personal numbers).
const amqp = require('amqplib');

const USAGE = `usage: node tools/ops/replay-dlq.js --queue <queue> [--limit N] [--dry-run]

  --queue Q    the queue whose dead letters (Q.dlq) go back to Q
  --limit N    at most N messages (default: all that are there when it starts)
  --dry-run    list what would be moved (ids, types, death reasons), move nothing`;

function parseArgs(argv) {
  const options = { queue: null, limit: Infinity, dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--queue') options.queue = argv[++i];
    else if (arg === '--limit') options.limit = Number(argv[++i]);
    else if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--help' || arg === '-h') return null;
    else throw new Error(`unknown option ${arg}\n\n${USAGE}`);
  }
  if (!options.queue || options.queue.endsWith('.dlq')) {
    throw new Error(`--queue names the original queue (without .dlq)\n\n${USAGE}`);
  }
  if (!(options.limit > 0)) throw new Error('--limit must be a positive number');
  return options;
}

/** The properties to publish again: the original ones, without the broker's death records. */
function republishProperties(properties) {
  const headers = { ...(properties.headers || {}) };
  const deaths = headers['x-death'];
  for (const key of Object.keys(headers)) if (key.startsWith('x-')) delete headers[key];
  headers['x-replayed-from-dlq'] = true;
  const options = {
    persistent: true,
    headers,
    contentType: properties.contentType,
    contentEncoding: properties.contentEncoding,
    messageId: properties.messageId,
    correlationId: properties.correlationId,
    replyTo: properties.replyTo,
    type: properties.type,
    timestamp: properties.timestamp,
    appId: properties.appId,
  };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return { options, deaths };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const url = process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';
  const dlq = `${options.queue}.dlq`;
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.checkQueue(options.queue); // the target must exist: never create one by accident
    const { messageCount } = await channel.checkQueue(dlq);
    const wanted = Math.min(messageCount, options.limit);
    process.stderr.write(
      `${dlq}: ${messageCount} message(s); ${options.dryRun ? 'listing' : 'moving'} ${wanted}\n`,
    );
    let moved = 0;
    const taken = [];
    while (moved < wanted) {
      const msg = await channel.get(dlq, { noAck: false });
      if (!msg) break;
      taken.push(msg);
      const { options: properties, deaths } = republishProperties(msg.properties);
      const reason = Array.isArray(deaths) && deaths[0] ? deaths[0].reason : 'unknown';
      if (options.dryRun) {
        process.stdout.write(
          `${JSON.stringify({ messageId: properties.messageId ?? null, type: properties.type ?? null, reason })}\n`,
        );
      } else {
        channel.publish('', options.queue, msg.content, properties);
        await channel.waitForConfirms();
        channel.ack(msg);
      }
      moved += 1;
    }
    // A dry run hands every message back to the dead-letter queue untouched.
    if (options.dryRun) for (const msg of taken) channel.nack(msg, false, true);
    await channel.close();
    process.stderr.write(
      options.dryRun ? `listed ${moved}\n` : `moved ${moved} message(s) back to ${options.queue}\n`,
    );
    return 0;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`replay-dlq: ${error.message}\n`);
      process.exit(1);
    },
  );
}

module.exports = { parseArgs, republishProperties };
