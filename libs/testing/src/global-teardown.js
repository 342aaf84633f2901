const fs = require('node:fs');
const { deleteVhost } = require('../../../tools/dev/rabbitmq');

module.exports = async function globalTeardown() {
  const started = globalThis.__rodFerretdb;
  if (started) {
    await started.ferretdb.stop();
    fs.rmSync(started.dataDir, { recursive: true, force: true });
  }
  if (globalThis.__rodVhost) await deleteVhost(globalThis.__rodVhost).catch(() => undefined);
};
