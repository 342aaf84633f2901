'use strict';
const { describe, it, expect } = require('@jest/globals');
const { percentile, latencySummary, atShares, isFlat, round } = require('./stats');

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('latencySummary', () => {
  it('sorts and summarises', () => {
    expect(latencySummary([30, 10, 20, 40])).toEqual({
      count: 4,
      p50Ms: 20,
      p95Ms: 40,
      p99Ms: 40,
      maxMs: 40,
    });
    expect(latencySummary([])).toMatchObject({ count: 0, p50Ms: null, maxMs: null });
  });
});

describe('atShares', () => {
  const samples = [
    [0, 100],
    [200, 150],
    [260, 160],
    [500, 170],
    [800, 175],
    [1000, 180],
  ];

  it('takes the first sample at or past each share of the work', () => {
    expect(atShares(samples, 1000)).toEqual({ '25%': 160, '50%': 170, '75%': 175, '100%': 180 });
  });

  it('is null where the work did not get', () => {
    expect(atShares(samples.slice(0, 3), 1000)).toEqual({
      '25%': 160,
      '50%': null,
      '75%': null,
      '100%': null,
    });
  });
});

describe('isFlat', () => {
  it('allows a little growth, not a lot', () => {
    expect(isFlat({ '25%': 180, '50%': 190, '75%': 185, '100%': 200 })).toBe(true);
    expect(isFlat({ '25%': 180, '50%': 220, '75%': 260, '100%': 300 })).toBe(false);
    expect(isFlat({ '25%': 180, '100%': null })).toBeNull();
  });
});

describe('round', () => {
  it('keeps null for what is no number', () => {
    expect(round(1.26)).toBe(1.3);
    expect(round(Infinity)).toBeNull();
    expect(round(undefined)).toBeNull();
  });
});
