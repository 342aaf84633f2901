'use strict';
// Small figures: rounding, percentiles, latency summaries, memory over the course of a run.

/** `value` rounded to `digits` decimals; null for null, undefined, NaN and ±Infinity. */
const round = (value, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Number(value.toFixed(digits));

/** The p-th percentile (nearest rank) of an ascending array; null when it is empty. */
function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** `{ count, p50Ms, p95Ms, p99Ms, maxMs }` of latencies in ms (any order). */
function latencySummary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? null),
  };
}

/**
 * Memory at given shares of the work done: `samples` are `[doneSoFar, rssMb]` in time order;
 * for each share s, the first sample with doneSoFar ≥ s × total (the last sample for 1).
 * Returns `{ '25%': mb, … }`, null where no sample got that far.
 */
function atShares(samples, total, shares = [0.25, 0.5, 0.75, 1]) {
  const result = {};
  for (const share of shares) {
    const key = `${Math.round(share * 100)}%`;
    const found =
      share >= 1 && samples.length && samples.at(-1)[0] >= total
        ? samples.at(-1)
        : samples.find(([done]) => done >= share * total);
    result[key] = found ? round(found[1]) : null;
  }
  return result;
}

/**
 * Whether memory stayed flat: from the first to the last quarter-mark it grew by at most
 * `toleranceMb` or `toleranceShare` of the first, whichever is larger. Null without figures.
 */
function isFlat(byShare, { toleranceMb = 25, toleranceShare = 0.15 } = {}) {
  const values = Object.values(byShare);
  if (values.length < 2 || values.some((v) => v === null)) return null;
  const first = values[0];
  return values.at(-1) - first <= Math.max(toleranceMb, first * toleranceShare);
}

module.exports = { round, percentile, latencySummary, atShares, isFlat };
