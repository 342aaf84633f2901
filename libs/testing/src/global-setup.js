// Jest global setup for integration and end-to-end tests: the real RabbitMQ (in a
// vhost of this run's own, so a running `npm start` is never disturbed) and the
// embedded database (a fresh FerretDB on a free port), unless MONGO_URL names a MongoDB.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureFerretdbBuilt, startFerretdb, freePort } = require('../../../tools/dev/ferretdb');
const {
  ensureRabbitmq,
  enableManagement,
  createVhost,
  amqpUrlForVhost,
} = require('../../../tools/dev/rabbitmq');

const log = (line) => process.stderr.write(`[test-setup] ${line}\n`);

module.exports = async function globalSetup() {
  const baseAmqpUrl = process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';
  await ensureRabbitmq(baseAmqpUrl, { log });
  // Tests of the operations tools use the broker's management API, as operations do.
  await enableManagement({ log });
  const vhost = `rod-test-${process.pid}-${Date.now()}`;
  await createVhost(vhost);
  process.env.TEST_AMQP_URL = amqpUrlForVhost(baseAmqpUrl, vhost);
  process.env.TEST_AMQP_VHOST = vhost;

  if (process.env.MONGO_URL) {
    process.env.TEST_MONGO_URL = process.env.MONGO_URL;
  } else {
    await ensureFerretdbBuilt({ log });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rod-test-db-'));
    const ferretdb = await startFerretdb({ port: await freePort(), dataDir, log });
    process.env.TEST_MONGO_URL = ferretdb.url;
    globalThis.__rodFerretdb = { ferretdb, dataDir };
  }
  globalThis.__rodVhost = vhost;
};
