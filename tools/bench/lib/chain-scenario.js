'use strict';
// What the scenarios that drive the whole chain share: a fresh environment with the given
// instances, how busy the machine is, and per measured phase the driver with CPU, memory and
// broker-message accounting around it.
const os = require('node:os');

const { Environment } = require('./environment');
const { ChainDriver } = require('./chain-driver');
const { MessageCounter } = require('./message-count');
const { RssSampler, CpuMeter, rabbitmqPids, machineBusyShare } = require('./proc');
const { PARTNERS } = require('./mix');
const { round } = require('./stats');

const isBenchQueue = (name) => name.startsWith('bench.tap-') || name.startsWith('bench.ceiling-');

/**
 * Starts an environment with `instances` ({ register: 1, propagation: n, reporting: n }),
 * hands `body` a `measure(mix, runOptions)` function, and disposes of it all afterwards.
 * `body`'s result is returned, with `database`, `instances` and the machine's load added.
 */
async function withChain({ bench, log, name, instances, options }, body) {
  const environment = new Environment(bench, name, log);
  try {
    await environment.prepare();
    await environment.start(instances, { logsDir: options.logsDir });
    const busyBefore = await machineBusyShare(2000);
    log(
      `machine CPU busy before the run: ${busyBefore === null ? '?' : Math.round(busyBefore * 100)}%` +
        (busyBefore > 0.2 ? ' (other work on this machine lowers the figures)' : ''),
    );
    const loadBefore = os.loadavg()[0];

    const measure = async (mix, runOptions, { tag = 'run', highWaterMark = true } = {}) => {
      const driver = new ChainDriver(environment, mix, {
        bench,
        log,
        partners: PARTNERS.map((p) => p.id),
        window: options.window,
        tag,
      });
      try {
        await driver.open();
        const counter = new MessageCounter(environment, { exclude: isBenchQueue });
        await counter.begin();
        const rss = new RssSampler(environment.pids());
        const cpu = new CpuMeter({
          ...Object.fromEntries(Object.entries(environment.pids()).map(([l, pid]) => [l, [pid]])),
          rabbitmq: rabbitmqPids(),
          ...(environment.ferretPid ? { ferretdb: [environment.ferretPid] } : {}),
        });
        cpu.start();
        let figures;
        try {
          figures = await driver.run(runOptions);
        } finally {
          rss.stop();
        }
        const usage = cpu.stop();
        const peakRssMb = rss.peakMb({ highWaterMark });
        const messages = await counter.end(driver.benchConsumed());
        const messagesPerResult = figures.commands
          ? round(messages.total / figures.commands, 2)
          : null;
        log(
          `CPU over ${usage.wallSeconds.toFixed(1)} s (100% = one core): ` +
            Object.entries(usage.cpuSeconds)
              .map(([n, s]) => `${n} ${s} s (${Math.round((s / usage.wallSeconds) * 100)}%)`)
              .join(', ') +
            `; machine busy ${usage.machineBusyShare === null ? '?' : Math.round(usage.machineBusyShare * 100)}%`,
        );
        log(
          `messages (${messages.source}): ${Object.entries(messages.perQueue)
            .map(([q, n]) => `${q} ${n}`)
            .join(', ')}`,
        );
        if (figures.rejections) log(`rejections: ${JSON.stringify(figures.rejections)}`);
        return {
          ...figures,
          messagesPerResult,
          messagesSource: messages.source,
          messagesPerQueue: messages.perQueue,
          cpuSeconds: usage.cpuSeconds,
          wallSeconds: round(usage.wallSeconds, 1),
          machineBusyShare: round(usage.machineBusyShare, 2),
          peakRssMb,
        };
      } finally {
        await driver.close();
      }
    };

    const result = await body(measure, environment);
    environment.logOutputSummary();
    const serviceOutput = environment.outputCounts();
    return {
      ...result,
      instances,
      database: environment.database,
      machineBusyBefore: round(busyBefore, 2),
      loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0], 2) },
      ...(Object.keys(serviceOutput).length ? { serviceWarnings: serviceOutput } : {}),
    };
  } finally {
    await environment.dispose();
  }
}

module.exports = { withChain, isBenchQueue };
