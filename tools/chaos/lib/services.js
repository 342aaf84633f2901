'use strict';
// The three services as processes (as `npm start` runs them), with kill -9 and restart.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const NAMES = ['register', 'propagation', 'reporting'];
const PORT_VARIABLE = {
  register: 'REGISTER_PORT',
  propagation: 'PROPAGATION_PORT',
  reporting: 'REPORTING_PORT',
};

async function httpStatus(url, timeoutMs = 8000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

class Services {
  /** `ports`: name → port; `env`: what every service gets; logs go to `logDir`. */
  constructor({ ports, env, logDir, log }) {
    this.ports = ports;
    this.env = env;
    this.logDir = logDir;
    this.log = log;
    this.children = new Map();
    this.starts = Object.fromEntries(NAMES.map((n) => [n, 0]));
    /** Exits nobody asked for: a crash loop or a crash on an outage shows here. */
    this.unexpectedExits = [];
  }

  url(name) {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  spawn(name) {
    this.starts[name] += 1;
    const out = fs.openSync(path.join(this.logDir, `${name}.log`), 'a');
    const child = spawn(process.execPath, [path.join(root, 'tools', 'run-service.js'), name], {
      cwd: root,
      env: { ...this.env, [PORT_VARIABLE[name]]: String(this.ports[name]) },
      stdio: ['ignore', out, out],
      detached: true,
    });
    fs.closeSync(out);
    child.expectedExit = false;
    child.once('exit', (code, signal) => {
      if (!child.expectedExit) {
        this.unexpectedExits.push({ service: name, code, signal, at: new Date().toISOString() });
        this.log(`${name} exited on its own (${signal || code}): starting it again`);
        if (!this.stopping) setTimeout(() => this.spawn(name), 1000);
      }
    });
    this.children.set(name, child);
    return child;
  }

  async startAll() {
    for (const name of NAMES) this.spawn(name);
    await Promise.all(NAMES.map((name) => this.waitReady(name)));
  }

  async waitReady(name, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await httpStatus(`${this.url(name)}/health/ready`)) === 200) return;
      await sleep(300);
    }
    throw new Error(`${name} not ready within ${timeoutMs / 1000} s (see ${this.logDir})`);
  }

  async ready(name) {
    return (await httpStatus(`${this.url(name)}/health/ready`)) === 200;
  }

  /** kill -9, then start again; resolves when it is ready. */
  async killAndRestart(name, downForMs = 1000) {
    const child = this.children.get(name);
    if (child && child.exitCode === null && child.signalCode === null) {
      child.expectedExit = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    }
    await sleep(downForMs);
    this.spawn(name);
    await this.waitReady(name);
  }

  /** SIGTERM to each service, SIGKILL after 15 s. */
  async stopAll() {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.expectedExit = true;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          return;
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // gone
          }
        }, 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  killNow() {
    for (const child of this.children.values()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

module.exports = { Services, NAMES, httpStatus };
