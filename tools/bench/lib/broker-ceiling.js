'use strict';
// The raw broker ceiling: how many persistent messages per second this broker takes in
// (publisher confirms) and hands out (manual acks) through one durable quorum queue, with
// nothing but amqplib in between. The same work every message of the system costs the
// broker, without any service or database.
const { performance } = require('node:perf_hooks');
const amqp = require('amqplib');
const { WindowedPublisher } = require('./windowed-publisher');

const noop = () => {};

async function measureBrokerCeiling(
  amqpUrl,
  { count = 20_000, size = 600, window = 500, prefetch = 200, log = noop, timeoutMs } = {},
) {
  const queue = `bench.ceiling-${Date.now()}`;
  const publisherConnection = await amqp.connect(amqpUrl);
  publisherConnection.on('error', noop);
  let consumerConnection;
  try {
    consumerConnection = await amqp.connect(amqpUrl);
    consumerConnection.on('error', noop);

    const setup = await publisherConnection.createChannel();
    await setup.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });

    const consumer = await consumerConnection.createChannel();
    await consumer.prefetch(prefetch);
    let consumed = 0;
    let lastConsumedAt = 0;
    let resolveDone;
    const done = new Promise((resolve) => (resolveDone = resolve));
    await consumer.consume(
      queue,
      (msg) => {
        if (!msg) return;
        consumer.ack(msg);
        consumed++;
        if (consumed === count) {
          lastConsumedAt = performance.now();
          resolveDone();
        }
      },
      { noAck: false },
    );

    const channel = await publisherConnection.createConfirmChannel();
    const publisher = new WindowedPublisher(channel, window);
    // A JSON-looking body of `size` bytes, like a small command or event.
    const filler = 'x'.repeat(Math.max(0, size - 40));
    const progress = setInterval(
      () =>
        log(
          `broker ceiling: ${publisher.confirmed}/${count} confirmed, ${consumed}/${count} consumed`,
        ),
      2000,
    );
    const started = performance.now();
    let publishedAt;
    try {
      for (let i = 0; i < count; i++) {
        const body = Buffer.from(`{"n":${String(i).padStart(10, '0')},"filler":"${filler}"}`);
        await publisher.publish('', queue, body, {
          persistent: true,
          contentType: 'application/json',
          messageId: `ceiling-${i}`,
          type: 'BenchCeiling',
          timestamp: Math.floor(Date.now() / 1000),
        });
      }
      await publisher.flush();
      publishedAt = performance.now();
      const limit = timeoutMs ?? Math.max(60_000, count * 5);
      let timer;
      await Promise.race([
        done,
        new Promise((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new Error(
                  `broker ceiling: only ${consumed}/${count} consumed after ${limit / 1000} s`,
                ),
              ),
            limit,
          );
        }),
      ]).finally(() => clearTimeout(timer));
    } finally {
      clearInterval(progress);
    }
    const seconds = (lastConsumedAt - started) / 1000;
    await consumer.close().catch(noop);
    await channel.close().catch(noop);
    await setup.deleteQueue(queue).catch(noop);
    await setup.close().catch(noop);
    return {
      messages: count,
      bytes: Buffer.byteLength(`{"n":0000000000,"filler":"${filler}"}`),
      seconds,
      messagesPerSecond: count / seconds,
      publishSeconds: (publishedAt - started) / 1000,
    };
  } finally {
    await publisherConnection.close().catch(noop);
    if (consumerConnection) await consumerConnection.close().catch(noop);
  }
}

module.exports = { measureBrokerCeiling };
