'use strict';
const { describe, it, expect } = require('@jest/globals');
const { evaluateGoals } = require('./goals');

const byGoal = (goals, start) => goals.find((g) => g.goal.startsWith(start));
const clean = { duplicateDeliveryIds: 0, duplicateEvents: 0, outOfOrder: 0 };

describe('evaluateGoals', () => {
  it('judges nothing that did not run', () => {
    const goals = evaluateGoals({});
    expect(goals).toHaveLength(7);
    for (const g of goals) {
      expect(g.met).toBeNull();
      expect(g.note).toMatch(/not run/);
    }
  });

  it('judges the figures of complete scenarios against the table', () => {
    const goals = evaluateGoals({
      'broker-ceiling': { complete: true, brokerMessagesPerSecond: 8000 },
      'mix-flat-out': { complete: true, resultsPerSecond: 1200, ratioToCeiling: 0.6 },
      'steady-200': {
        complete: true,
        sustainedTarget: true,
        ratePerSecond: 200,
        latency: { p99Ms: 240 },
        peakRssMb: { register: 190, propagation: 150, reporting: 120 },
      },
      'batch-upload': { complete: true, lines: 100000, linesPerSecond: 2500, memoryFlat: true },
      'overview-build': { complete: true, results: 1000000, deletions: 50000, buildSeconds: 9.5 },
      'two-instances': { complete: true, resultsPerSecond: 1500, deliveryCheck: clean },
    });
    expect(goals.map((g) => g.met)).toEqual([true, true, true, true, true, true, true]);
  });

  it('does not count a latency measured below 200/s as met', () => {
    const goals = evaluateGoals({
      'steady-200': {
        complete: true,
        sustainedTarget: false,
        ratePerSecond: 11,
        latency: { p99Ms: 100 },
        peakRssMb: { register: 210 },
      },
    });
    const latency = byGoal(goals, 'latency');
    expect(latency.met).toBe(false);
    expect(latency.note).toMatch(/not sustained; latency measured at 11\/s/);
    const memory = byGoal(goals, 'peak resident memory');
    expect(memory).toMatchObject({ value: 210, met: null });
    expect(memory.note).toMatch(/not measured at 200\/s/);
  });

  it('extrapolates the overview build from a smaller size, and says so', () => {
    const goals = evaluateGoals({
      'overview-build': {
        complete: true,
        results: 50000,
        deletions: 2500,
        buildSeconds: 12,
        fullSize: { buildSeconds: 240 },
      },
    });
    const overview = byGoal(goals, 'overview build');
    expect(overview).toMatchObject({ value: 240, met: false });
    expect(overview.note).toMatch(/extrapolation from 50000 results/);
  });

  it('fails two instances on a duplicate or an out-of-order delivery, or on no gain', () => {
    const one = { complete: true, resultsPerSecond: 10 };
    const two = (check, rate = 15) => ({
      'mix-flat-out': one,
      'two-instances': { complete: true, resultsPerSecond: rate, deliveryCheck: check },
    });
    const judged = (figures) => byGoal(evaluateGoals(figures), 'two instances').met;
    expect(judged(two(clean))).toBe(true);
    expect(judged(two({ ...clean, duplicateEvents: 1 }))).toBe(false);
    expect(judged(two({ ...clean, outOfOrder: 2 }))).toBe(false);
    expect(judged(two(clean, 9))).toBe(false);
    expect(judged({ 'two-instances': two(clean)['two-instances'] })).toBeNull();
  });

  it('judges batch speed and flat memory together', () => {
    const judged = (batch) =>
      byGoal(evaluateGoals({ 'batch-upload': { complete: true, lines: 5000, ...batch } }), 'batch')
        .met;
    expect(judged({ linesPerSecond: 150, memoryFlat: true })).toBe(false);
    expect(judged({ linesPerSecond: 3000, memoryFlat: false })).toBe(false);
    expect(judged({ linesPerSecond: 3000, memoryFlat: true })).toBe(true);
  });
});
