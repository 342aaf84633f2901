'use strict';
// A private RabbitMQ node for one chaos run: its own node name, ports and data folder, so
// that restarting it disturbs no one else's tests (the shared broker on 5672 is never
// touched). The node runs as the current user with its own Erlang cookie (HOME).
const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const BIN = '/usr/lib/rabbitmq/bin';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function ctlPath() {
  const direct = path.join(BIN, 'rabbitmqctl');
  return fs.existsSync(direct) ? direct : 'rabbitmqctl';
}

function serverPath() {
  const direct = path.join(BIN, 'rabbitmq-server');
  return fs.existsSync(direct) ? direct : 'rabbitmq-server';
}

class RabbitNode {
  /** `dir`: a fresh temporary folder; `port`, `distPort`: free TCP ports. */
  constructor({ dir, port, distPort, log }) {
    this.dir = dir;
    this.port = port;
    this.distPort = distPort;
    this.log = log;
    this.node = `rod-chaos-${Date.now()}-${process.pid}@localhost`;
    this.url = `amqp://guest:guest@127.0.0.1:${port}`;
    this.child = null;
    fs.writeFileSync(
      path.join(dir, 'rabbitmq.conf'),
      [`listeners.tcp.1 = 127.0.0.1:${port}`, 'loopback_users = none', ''].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'enabled_plugins'), '[].\n');
    fs.writeFileSync(path.join(dir, 'rabbitmq-env.conf'), '');
  }

  env() {
    return {
      ...process.env,
      HOME: this.dir, // its own .erlang.cookie
      RABBITMQ_NODENAME: this.node,
      RABBITMQ_NODE_PORT: String(this.port),
      RABBITMQ_DIST_PORT: String(this.distPort),
      RABBITMQ_MNESIA_BASE: path.join(this.dir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(this.dir, 'log'),
      RABBITMQ_CONFIG_FILE: path.join(this.dir, 'rabbitmq.conf'),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(this.dir, 'enabled_plugins'),
      RABBITMQ_CONF_ENV_FILE: path.join(this.dir, 'rabbitmq-env.conf'),
      RABBITMQ_PID_FILE: path.join(this.dir, 'rabbit.pid'),
      ERL_EPMD_ADDRESS: '127.0.0.1',
    };
  }

  ctl(args, { timeout = 120_000 } = {}) {
    return new Promise((resolve, reject) => {
      execFile(
        ctlPath(),
        ['-n', this.node, ...args],
        { env: this.env(), timeout, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`rabbitmqctl ${args.join(' ')}: ${stderr || error.message}`));
          else resolve(stdout);
        },
      );
    });
  }

  /** Starts the node and waits until the broker runs; returns the seconds it took. */
  async start() {
    const started = Date.now();
    this.child = spawn(serverPath(), [], {
      env: this.env(),
      stdio: ['ignore', 'ignore', 'ignore'],
      detached: true,
      cwd: this.dir,
    });
    this.child.once('exit', () => (this.child = null));
    await this.awaitStartup();
    return (Date.now() - started) / 1000;
  }

  async awaitStartup(timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.ctl(['await_startup', '--timeout', '20'], { timeout: 30_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(1000);
      }
    }
  }

  /** The broker application stops (every connection drops) and starts again. */
  async restart(downForMs) {
    await this.ctl(['stop_app'], { timeout: 60_000 });
    await sleep(downForMs);
    await this.ctl(['start_app'], { timeout: 120_000 });
  }

  /** `[{ name, messages }]` of every queue of the default vhost. */
  async queues() {
    const out = await this.ctl(['list_queues', '-q', '--formatter', 'json', 'name', 'messages']);
    return JSON.parse(out);
  }

  /** `[{ source_name, destination_name, routing_key }]` of the default vhost. */
  async bindings() {
    const out = await this.ctl([
      'list_bindings',
      '-q',
      '--formatter',
      'json',
      'source_name',
      'destination_name',
      'routing_key',
    ]);
    return JSON.parse(out);
  }

  async stop() {
    try {
      await this.ctl(['stop'], { timeout: 60_000 });
    } catch (error) {
      this.log(`rabbitmqctl stop failed (${error.message.split('\n')[0]}): killing the node`);
    }
    if (this.child) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }

  /** Last resort on exit: no node outlives the run. */
  killNow() {
    if (!this.child) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

module.exports = { RabbitNode };
