'use strict';
// Memory and CPU of processes, read from /proc (Linux).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

function readStatusKb(pid, field) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Peak resident memory of a set of processes: VmRSS sampled every `intervalMs`, and the
 * kernel's own high-water mark (VmHWM) read when asked, whichever is larger.
 */
class RssSampler {
  constructor(pids, intervalMs = 200) {
    this.pids = pids; // name -> pid
    this.peakKb = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  sample() {
    for (const [name, pid] of Object.entries(this.pids)) {
      const rss = readStatusKb(pid, 'VmRSS');
      if (rss !== null && rss > this.peakKb[name]) this.peakKb[name] = rss;
    }
  }

  /**
   * Peak RSS in MB per process; call while the processes still run. `highWaterMark: false`
   * leaves out the kernel's VmHWM (the peak over the process's whole life), for the peak
   * of the sampled period alone.
   */
  peakMb({ highWaterMark = true } = {}) {
    this.sample();
    const result = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const hwm = highWaterMark ? (readStatusKb(pid, 'VmHWM') ?? 0) : 0;
      result[name] = Math.round((Math.max(hwm, this.peakKb[name]) / 1024) * 10) / 10;
    }
    return result;
  }

  stop() {
    clearInterval(this.timer);
  }
}

let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** User + system CPU seconds a process has used so far, or null when it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** The machine's busy and total CPU seconds so far (all cores), from /proc/stat. */
function machineCpu() {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = values[3] + (values[4] || 0); // idle + iowait
    return { busy: (total - idle) / ticksPerSecond(), total: total / ticksPerSecond() };
  } catch {
    return null;
  }
}

/** Pids of the local RabbitMQ node (its Erlang VM), found by name in /proc. */
function rabbitmqPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm !== 'beam.smp') continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      // Not the command-line tools (rabbitmqctl runs a short-lived VM of its own).
      if (cmdline.includes('rabbit') && !/rabbitmqctl|rabbitmq-plugins|escript/.test(cmdline)) {
        pids.push(Number(entry));
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** CPU seconds of named groups of processes between `start()` and `stop()`. */
class CpuMeter {
  constructor(groups) {
    this.groups = groups; // name -> [pid]
  }

  /** CPU seconds per group and pid (null for a pid that is gone), the bench's own, the machine's. */
  read() {
    const values = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      values[name] = pids.map((pid) => cpuSeconds(pid));
    }
    values.bench = [(process.cpuUsage().user + process.cpuUsage().system) / 1e6];
    return { at: Date.now(), values, machine: machineCpu() };
  }

  start() {
    this.begin = this.read();
  }

  /** { wallSeconds, cpuSeconds: {name: s}, machineBusyShare } since start(). */
  stop() {
    const end = this.read();
    const wallSeconds = (end.at - this.begin.at) / 1000;
    const cpu = {};
    for (const name of Object.keys(end.values)) {
      // Only processes that lived through the whole measurement.
      const used = end.values[name].reduce((acc, value, k) => {
        const before = this.begin.values[name][k];
        return value === null || before === null ? acc : acc + (value - before);
      }, 0);
      cpu[name] = Math.round(used * 10) / 10;
    }
    let machineBusyShare = null;
    if (end.machine && this.begin.machine) {
      const total = end.machine.total - this.begin.machine.total;
      if (total > 0) machineBusyShare = (end.machine.busy - this.begin.machine.busy) / total;
    }
    return { wallSeconds, cpuSeconds: cpu, machineBusyShare };
  }
}

/** Share of the machine's CPU (all cores) busy over the next `ms`. */
async function machineBusyShare(ms = 2000) {
  const before = machineCpu();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineCpu();
  if (!before || !after || after.total <= before.total) return null;
  return (after.busy - before.busy) / (after.total - before.total);
}

module.exports = { RssSampler, CpuMeter, cpuSeconds, rabbitmqPids, machineBusyShare };
