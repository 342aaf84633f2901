'use strict';
// Issue 7's table of goals, judged from the scenarios' JSON figures. A goal whose scenario
// did not run (or did not complete) is `met: null`, never a silent false or true.

const FULL_OVERVIEW = { results: 1_000_000, deletions: 50_000, institutions: 150 };
const FULL_BATCH_LINES = 100_000;

const goal = (name, target, value, met, note) => ({
  goal: name,
  target,
  value: value ?? null,
  met,
  ...(note ? { note } : {}),
});

/** `figures`: scenario name -> its JSON object. Returns one entry per row of the table. */
function evaluateGoals(figures) {
  const mix = figures['mix-flat-out'];
  const steady = figures['steady-200'];
  const batch = figures['batch-upload'];
  const overview = figures['overview-build'];
  const two = figures['two-instances'];
  const done = (s) => Boolean(s && s.complete);
  const notRun = (s, name) =>
    s ? `${name} did not complete: ${s.error ?? 'see its line'}` : `${name} not run`;
  const goals = [];

  goals.push(
    done(mix)
      ? goal(
          'sustained end-to-end throughput',
          '>= 1000 results/s',
          mix.resultsPerSecond,
          mix.resultsPerSecond >= 1000,
        )
      : goal(
          'sustained end-to-end throughput',
          '>= 1000 results/s',
          null,
          null,
          notRun(mix, 'mix-flat-out'),
        ),
  );

  goals.push(
    done(mix) && mix.ratioToCeiling !== null
      ? goal('ratioToCeiling', '>= 0.5', mix.ratioToCeiling, mix.ratioToCeiling >= 0.5)
      : goal(
          'ratioToCeiling',
          '>= 0.5',
          null,
          null,
          done(mix)
            ? 'no broker ceiling in this run (broker-ceiling not run)'
            : notRun(mix, 'mix-flat-out'),
        ),
  );

  if (done(steady)) {
    const p99 = steady.latency?.p99Ms ?? null;
    goals.push(
      goal(
        'latency at a steady 200 results/s, command -> all partner deliveries',
        'p99 <= 250 ms',
        p99,
        steady.sustainedTarget ? p99 !== null && p99 <= 250 : false,
        steady.sustainedTarget
          ? null
          : `200/s not sustained; latency measured at ${steady.ratePerSecond}/s`,
      ),
    );
    const peaks = Object.values(steady.peakRssMb ?? {});
    const peak = peaks.length ? Math.max(...peaks) : null;
    goals.push(
      goal(
        'peak resident memory of each service under that load',
        '<= 200 MB',
        peak,
        // Under "that load" means at 200/s: a lower rate's peak is reported, not judged.
        peak === null || !steady.sustainedTarget ? null : peak <= 200,
        steady.sustainedTarget
          ? null
          : `not measured at 200/s: the peak at ${steady.ratePerSecond}/s, not judged`,
      ),
    );
  } else {
    const note = notRun(steady, 'steady-200');
    goals.push(
      goal(
        'latency at a steady 200 results/s, command -> all partner deliveries',
        'p99 <= 250 ms',
        null,
        null,
        note,
      ),
    );
    goals.push(
      goal('peak resident memory of each service under that load', '<= 200 MB', null, null, note),
    );
  }

  if (done(batch)) {
    const flat = batch.memoryFlat;
    goals.push(
      goal(
        'batch upload of 100,000 NDJSON lines through HTTP',
        '>= 2000 lines/s, memory flat',
        { linesPerSecond: batch.linesPerSecond, memoryFlat: flat, lines: batch.lines },
        batch.linesPerSecond >= 2000 && flat === true,
        batch.lines < FULL_BATCH_LINES
          ? `measured with ${batch.lines} lines, not ${FULL_BATCH_LINES}`
          : null,
      ),
    );
  } else {
    goals.push(
      goal(
        'batch upload of 100,000 NDJSON lines through HTTP',
        '>= 2000 lines/s, memory flat',
        null,
        null,
        notRun(batch, 'batch-upload'),
      ),
    );
  }

  if (done(overview)) {
    const full =
      overview.results === FULL_OVERVIEW.results && overview.deletions === FULL_OVERVIEW.deletions;
    const seconds = full ? overview.buildSeconds : (overview.fullSize?.buildSeconds ?? null);
    goals.push(
      goal(
        'overview build, 1,000,000 results and 50,000 deletions over 150 institutions',
        '<= 10 s',
        seconds,
        seconds === null ? null : seconds <= 10,
        full
          ? null
          : `linear extrapolation from ${overview.results} results (built in ${overview.buildSeconds} s)`,
      ),
    );
  } else {
    goals.push(
      goal(
        'overview build, 1,000,000 results and 50,000 deletions over 150 institutions',
        '<= 10 s',
        null,
        null,
        notRun(overview, 'overview-build'),
      ),
    );
  }

  if (two && two.deliveryCheck) {
    const check = two.deliveryCheck;
    const duplicates = check.duplicateDeliveryIds + check.duplicateEvents;
    const faster = done(two) && done(mix) ? two.resultsPerSecond > mix.resultsPerSecond : null;
    const clean = duplicates === 0 && check.outOfOrder === 0;
    goals.push(
      goal(
        'two instances each of propagation and reporting',
        'throughput higher than one, no duplicate or out-of-order delivery',
        {
          resultsPerSecond: two.resultsPerSecond,
          oneInstanceResultsPerSecond: mix?.resultsPerSecond ?? null,
          duplicates,
          outOfOrder: check.outOfOrder,
        },
        clean === false || faster === false ? false : faster === null ? null : true,
        faster !== null
          ? null
          : !done(two)
            ? `two-instances did not complete: ${two.error ?? 'see its line'}`
            : 'no complete one-instance mix-flat-out in this run to compare with',
      ),
    );
  } else {
    goals.push(
      goal(
        'two instances each of propagation and reporting',
        'throughput higher than one, no duplicate or out-of-order delivery',
        null,
        null,
        notRun(two, 'two-instances'),
      ),
    );
  }
  return goals;
}

module.exports = { evaluateGoals, FULL_OVERVIEW, FULL_BATCH_LINES };
