'use strict';
// The local RabbitMQ broker: make sure it runs, enable its management UI, and give each test
// run a vhost of its own so that tests never touch the vhost a running `npm start` uses.
const { execFile, spawn } = require('node:child_process');
const net = require('node:net');
const { which } = require('./ferretdb');

const noop = () => {};
const sbin = ['/usr/sbin', '/usr/local/sbin', '/sbin'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The URL without its password, fit for logs and messages. */
function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid URL>';
  }
}

/** The URL with the vhost as its (path-encoded) path: '/' becomes '%2F'. */
function amqpUrlForVhost(baseUrl, vhost) {
  const u = new URL(baseUrl);
  u.pathname = `/${encodeURIComponent(vhost)}`;
  return u.toString();
}

async function tryConnect(amqpUrl) {
  const amqp = require('amqplib');
  const connection = await amqp.connect(amqpUrl, { timeout: 5000 });
  connection.on('error', noop);
  await connection.close();
}

function run(command, args, { timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = `${stderr || ''}${stdout || ''}`.trim();
        const err = new Error(
          `${[command, ...args].join(' ')} failed${detail ? `: ${detail}` : ` (${error.message})`}`,
        );
        err.output = detail;
        reject(err);
      } else {
        resolve(`${stdout}${stderr}`);
      }
    });
  });
}

/**
 * Makes sure the broker at amqpUrl accepts connections. A local broker that is down is
 * started with `rabbitmq-server -detached` (when `start` is true) and awaited for up to 90 s.
 */
async function ensureRabbitmq(amqpUrl, { log = noop, start = true } = {}) {
  const shown = redactUrl(amqpUrl);
  let firstError;
  try {
    await tryConnect(amqpUrl);
    return;
  } catch (err) {
    firstError = err;
  }
  const host = new URL(amqpUrl).hostname;
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
  const server = which('rabbitmq-server', sbin);
  if (!start || !local || !server) {
    const why = !local
      ? 'it is not a local broker, so it is not started here'
      : !server
        ? 'rabbitmq-server is not installed'
        : 'starting it was not requested';
    throw new Error(
      `RabbitMQ is not reachable at ${shown} (${firstError.message}); ${why}. ` +
        'Install it with `apt-get install rabbitmq-server`, or set AMQP_URL to a running broker.',
    );
  }

  log(`RabbitMQ is not reachable at ${shown}: starting it with rabbitmq-server -detached`);
  await new Promise((resolve) => {
    const child = spawn(server, ['-detached'], { stdio: 'ignore', detached: true });
    child.once('error', resolve);
    child.once('exit', resolve);
  });
  const deadline = Date.now() + 90_000;
  let triedStartApp = false;
  let lastError = firstError;
  while (Date.now() < deadline) {
    await sleep(1000);
    try {
      await tryConnect(amqpUrl);
      log(`RabbitMQ is up at ${shown}`);
      return;
    } catch (err) {
      lastError = err;
    }
    // The Erlang node may be running with the RabbitMQ application stopped
    // (`rabbitmqctl stop_app`); then `-detached` does nothing and start_app is what helps.
    const ctl = which('rabbitmqctl', sbin);
    if (!triedStartApp && ctl && Date.now() > deadline - 85_000) {
      triedStartApp = true;
      await run(ctl, ['start_app'], { timeout: 60_000 }).catch(noop);
    }
  }
  throw new Error(
    `RabbitMQ is not reachable at ${shown} 90 s after starting it (${lastError.message}); ` +
      'see /var/log/rabbitmq/, or set AMQP_URL to a running broker.',
  );
}

function listening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Best effort: enables the management UI of the local broker. */
async function enableManagement({ log = noop } = {}) {
  const plugins = which('rabbitmq-plugins', sbin);
  if (!plugins) return false;
  const uiLine = 'RabbitMQ management UI: http://127.0.0.1:15672 (guest/guest)';
  // Already enabled when its port answers; that saves the few seconds the CLI takes.
  if (await listening(15672)) {
    log(uiLine);
    return true;
  }
  try {
    await run(plugins, ['enable', 'rabbitmq_management'], { timeout: 90_000 });
    log(uiLine);
    return true;
  } catch (err) {
    log(`could not enable the RabbitMQ management UI (${err.message.split('\n')[0]})`);
    return false;
  }
}

function rabbitmqctl() {
  const ctl = which('rabbitmqctl', sbin);
  if (!ctl) {
    throw new Error(
      'rabbitmqctl is not installed: install RabbitMQ with `apt-get install rabbitmq-server`',
    );
  }
  return ctl;
}

/** Creates a vhost (if needed) on the local broker and gives guest full permissions on it. */
async function createVhost(name) {
  const ctl = rabbitmqctl();
  try {
    await run(ctl, ['add_vhost', name]);
  } catch (err) {
    if (!/already.?exists/i.test(err.output || '')) throw err;
  }
  await run(ctl, ['set_permissions', '-p', name, 'guest', '.*', '.*', '.*']);
}

/** Deletes a vhost of the local broker with everything in it; a missing vhost is fine. */
async function deleteVhost(name) {
  const ctl = rabbitmqctl();
  try {
    await run(ctl, ['delete_vhost', name]);
  } catch (err) {
    if (!/no_such_vhost|does not exist|not found/i.test(err.output || '')) throw err;
  }
}

module.exports = {
  ensureRabbitmq,
  enableManagement,
  createVhost,
  deleteVhost,
  amqpUrlForVhost,
  redactUrl,
};
