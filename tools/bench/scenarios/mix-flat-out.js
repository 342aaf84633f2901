'use strict';
// Scenario `mix-flat-out`: the realistic mix (lib/mix.js) from 150 institutions, registrations
// sent as fast as the broker confirms them, follow-ups as soon as their result allows; end to
// end = command published → every partner delivery received → counted by reporting.
const { withChain } = require('../lib/chain-scenario');
const { makeMix, mixCounts } = require('../lib/mix');
const { round } = require('../lib/stats');

/** Shared by mix-flat-out and two-instances: one flat-out run of `count` commands. */
async function flatOutMix({ bench, log, options, figures }, { scenario, count, instances }) {
  const run = Date.now().toString(36);
  const mix = makeMix({ count, institutions: options.institutions, run });
  const counts = mixCounts(mix);
  log(
    `mix of ${count} commands: ${counts.register} registrations (${counts.healthcare} healthcare), ` +
      `${counts.correct} corrections, ${counts.delete} deletions, ${counts.fraud} fraud reports, ` +
      `${counts.institutions} institutions; ${counts.expectedDeliveries} partner deliveries expected`,
  );
  const timeoutMs = (options.timeoutSeconds ?? Math.max(90, count / 4)) * 1000;
  const result = await withChain(
    { bench, log, name: scenario === 'mix-flat-out' ? 'mix' : 'two', instances, options },
    (measure) => measure(mix, { ratePerSecond: null, timeoutMs }, { tag: scenario }),
  );
  const ceiling = figures['broker-ceiling']?.brokerMessagesPerSecond ?? null;
  return {
    scenario,
    mix: counts,
    ...result,
    brokerMessagesPerSecond: ceiling,
    ratioToCeiling:
      result.resultsPerSecond !== null && ceiling && result.messagesPerResult
        ? round((result.resultsPerSecond * result.messagesPerResult) / ceiling, 4)
        : null,
  };
}

function mixFlatOut(context) {
  return flatOutMix(context, {
    scenario: 'mix-flat-out',
    count: context.options.mixCount,
    instances: { register: 1, propagation: 1, reporting: 1 },
  });
}

module.exports = { mixFlatOut, flatOutMix };
