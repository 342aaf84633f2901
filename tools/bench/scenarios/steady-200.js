'use strict';
// Scenario `steady-200`: the mix at a steady rate (default 200 commands/s) for a fixed time;
// latency command → all its partner deliveries, peak memory of each service.
//
// When the system cannot keep up (more than half a second of commands in flight, after the
// first second), sending stops, the backlog drains, and the rate it achieved is measured;
// then the same duration runs again at 80 % of that rate, and the latencies are those of the
// lower rate. The JSON says so (`sustainedTarget: false`, `ratePerSecond`).
const { performance } = require('node:perf_hooks');

const { withChain } = require('../lib/chain-scenario');
const { makeMix, mixCounts } = require('../lib/mix');
const { round } = require('../lib/stats');

const inFlight = (driver) => driver.published - driver.doneCount;

/** A stop rule: more than `limit` commands in flight once the first second has passed. */
function backlogOver(limit) {
  return (driver) => {
    const elapsed = performance.now() - driver.t0;
    return elapsed > 1000 && inFlight(driver) > limit
      ? `more than ${limit} commands in flight after ${(elapsed / 1000).toFixed(1)} s: the system does not keep up`
      : null;
  };
}

const phase = (figures, rate) => ({
  ratePerSecond: rate,
  commands: figures.commands,
  sendSeconds: figures.sendSeconds,
  sentPerSecond: figures.sendSeconds ? round(figures.commands / figures.sendSeconds, 1) : null,
  seconds: figures.seconds,
  donePerSecond: figures.donePerSecond,
  latency: figures.latency,
  ...(figures.stoppedSending ? { stoppedSending: figures.stoppedSending } : {}),
  complete: figures.complete,
});

async function steady200({ bench, log, options }) {
  const target = options.steadyRate;
  const duration = options.steadySeconds;
  const run = Date.now().toString(36);
  const timeoutMs = (options.timeoutSeconds ?? duration + 90) * 1000;
  const result = await withChain(
    {
      bench,
      log,
      name: 'steady',
      instances: { register: 1, propagation: 1, reporting: 1 },
      options,
    },
    async (measure) => {
      const mixA = makeMix({
        count: target * duration,
        institutions: options.institutions,
        run: `${run}a`,
        seed: 11,
      });
      log(`${target} commands/s for ${duration} s (${mixA.commands.length} commands)`);
      const attempt = await measure(
        mixA,
        {
          ratePerSecond: target,
          stopWhen: backlogOver(Math.max(50, Math.ceil(target / 2))),
          timeoutMs,
        },
        { tag: 'steady-target' },
      );
      const sustained = attempt.complete && !attempt.stoppedSending;
      if (sustained || !attempt.complete) {
        return {
          sustainedTarget: sustained,
          ratePerSecond: target,
          measured: attempt,
          attempt: null,
          mix: mixCounts(mixA),
        };
      }
      const rate = Math.max(1, Math.floor(attempt.donePerSecond * 0.8));
      log(
        `${target}/s not sustained (${attempt.donePerSecond} commands/s done): ${rate}/s for ${duration} s instead`,
      );
      const mixB = makeMix({
        count: rate * duration,
        institutions: options.institutions,
        run: `${run}b`,
        seed: 12,
      });
      const measured = await measure(
        mixB,
        { ratePerSecond: rate, stopWhen: backlogOver(Math.max(30, rate * 3)), timeoutMs },
        { tag: 'steady-lower', highWaterMark: false },
      );
      return {
        sustainedTarget: false,
        ratePerSecond: rate,
        measured,
        attempt,
        mix: mixCounts(mixB),
      };
    },
  );
  const { measured, attempt, ...rest } = result;
  return {
    scenario: 'steady-200',
    targetPerSecond: target,
    durationSeconds: duration,
    ...rest,
    sustainedRate: measured.complete && !measured.stoppedSending,
    ...phase(measured, result.ratePerSecond),
    latencyFrom:
      'command published -> all its partner deliveries received (commands with deliveries)',
    peakRssMb: measured.peakRssMb,
    cpuSeconds: measured.cpuSeconds,
    machineBusyShare: measured.machineBusyShare,
    messagesPerResult: measured.messagesPerResult,
    messagesSource: measured.messagesSource,
    deliveryCheck: measured.deliveryCheck,
    reporting: measured.reporting,
    ...(attempt ? { attempt: { ...phase(attempt, target), peakRssMb: attempt.peakRssMb } } : {}),
    ...(measured.error ? { error: measured.error } : {}),
  };
}

module.exports = { steady200, backlogOver };
