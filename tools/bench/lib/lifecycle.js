'use strict';
// What every benchmark script does around its run: the shared end of its cleanup (the
// embedded database, the vhost, temporary folders), stopping on a signal, and the check
// that lets a long step end early when the user pressed Ctrl-C.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const noop = () => undefined;

/**
 * Stops the embedded FerretDB, deletes the bench's vhost and removes its temporary folders
 * (each as far as `state` says it was made); failures are logged, never thrown.
 */
async function releaseSharedResources(state, log) {
  if (state.ferret) {
    log('stopping FerretDB');
    await state.ferret.stop().catch(noop);
  }
  if (state.vhost) {
    try {
      const { deleteVhost } = require('../../dev/rabbitmq');
      await deleteVhost(state.vhost);
      log(`deleted vhost ${state.vhost}`);
    } catch (err) {
      log(`could not delete vhost ${state.vhost}: ${err.message}`);
    }
  }
  for (const dir of state.tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * On SIGINT, SIGTERM or SIGHUP: mark `state.stopping`, run `cleanup`, exit 130. And when the
 * process exits anyway, kill what `children()` still runs, so no service outlives the bench.
 */
function stopOnSignals(state, { cleanup, children, log }) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (state.stopping) {
        log(`${signal}: already stopping`);
        return;
      }
      state.stopping = true;
      log(`${signal}: stopping and cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const child of children()) if (child?.running) child.signal('SIGKILL');
  });
}

/** Throws when a signal asked the bench to stop: long steps call it between their parts. */
function checkInterrupted(state) {
  if (state.stopping) throw Object.assign(new Error('interrupted'), { interrupted: true });
}

/**
 * A fresh vhost `<prefix>-<ts>` on the local broker (deleted by releaseSharedResources);
 * returns its AMQP URL.
 */
async function freshVhost(state, baseUrl, name, log) {
  const { createVhost, amqpUrlForVhost, redactUrl } = require('../../dev/rabbitmq');
  state.vhost = name;
  await createVhost(name);
  const amqpUrl = amqpUrlForVhost(baseUrl, name);
  log(`broker: ${redactUrl(amqpUrl)} (fresh vhost)`);
  return amqpUrl;
}

/**
 * A fresh embedded FerretDB (built first if needed) with its data in a temporary folder
 * named after `prefix`; stopped and removed by releaseSharedResources. Returns its URL.
 */
async function freshEmbeddedDatabase(state, prefix, log) {
  const { ensureFerretdbBuilt, startFerretdb, freePort } = require('../../dev/ferretdb');
  await ensureFerretdbBuilt({ log });
  checkInterrupted(state);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-ferretdb-`));
  state.tmpDirs.push(dataDir);
  state.ferret = await startFerretdb({ port, dataDir, log });
  log(`database: fresh FerretDB on ${state.ferret.url} (data in ${dataDir})`);
  return state.ferret.url;
}

module.exports = {
  releaseSharedResources,
  stopOnSignals,
  checkInterrupted,
  freshVhost,
  freshEmbeddedDatabase,
  noop,
};
