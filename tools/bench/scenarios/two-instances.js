'use strict';
// Scenario `two-instances`: the flat-out mix with one register and two instances each of
// propagation and reporting (competing consumers on the same queues and databases);
// throughput against the one-instance mix of the same run, and every partner inbox checked
// for duplicate and out-of-order deliveries (lib/delivery-check.js). Reports, never repairs.
//
// Meaningful on MongoDB (MONGO_URL), where writes are conditional on the document's version.
// On the embedded FerretDB the services write by `_id` under an in-process lock, which cannot
// keep two processes apart (docs/adr/0003-database.md): there this scenario shows what goes
// wrong (lost writes: duplicate deliveries, deliveries that never come), and fails.
const { flatOutMix } = require('./mix-flat-out');
const { round } = require('../lib/stats');

async function twoInstances(context) {
  const result = await flatOutMix(context, {
    scenario: 'two-instances',
    count: context.options.twoCount,
    instances: { register: 1, propagation: 2, reporting: 2 },
  });
  const one = context.figures['mix-flat-out'];
  const check = result.deliveryCheck;
  context.log(
    `partner inboxes: ${check.deliveries} deliveries, ${check.duplicateDeliveryIds} with a deliveryId seen before, ` +
      `${check.duplicateEvents} with an event seen before, ${check.outOfOrder} out of order, ` +
      `${check.unknownSequence} of unknown sequence`,
  );
  for (const e of check.examples) context.log(`  ${JSON.stringify(e)}`);
  return {
    ...result,
    oneInstanceResultsPerSecond: one?.resultsPerSecond ?? null,
    speedUp:
      one?.resultsPerSecond && result.resultsPerSecond
        ? round(result.resultsPerSecond / one.resultsPerSecond, 2)
        : null,
    // The same, up to the last command done: comparable also when a run stalled at its end.
    speedUpToLastDone:
      one?.donePerSecondToLastDone && result.donePerSecondToLastDone
        ? round(result.donePerSecondToLastDone / one.donePerSecondToLastDone, 2)
        : null,
    comparableToOneInstance: one ? one.commands === result.commands : false,
  };
}

module.exports = { twoInstances };
