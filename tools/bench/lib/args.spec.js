'use strict';
const { describe, it, expect } = require('@jest/globals');
const { parseArgs, SCENARIOS } = require('./args');

describe('parseArgs', () => {
  it('runs every scenario at the default sizes', () => {
    const o = parseArgs([], {});
    expect(o.scenarios).toEqual(SCENARIOS);
    expect(o).toMatchObject({
      mixCount: 800,
      twoCount: 800,
      steadyRate: 200,
      steadySeconds: 30,
      batchLines: 5000,
      batchSeconds: 45,
      overviewResults: 30000,
      overviewDeletions: 1500,
      institutions: 150,
    });
  });

  it('keeps the usual order of a subset, and refuses unknown scenarios', () => {
    expect(parseArgs(['--scenario', 'two-instances,broker-ceiling'], {}).scenarios).toEqual([
      'broker-ceiling',
      'two-instances',
    ]);
    expect(() => parseArgs(['--scenario', 'nope'], {})).toThrow('unknown scenario');
  });

  it('takes the old scripts option names, the last one winning', () => {
    const o = parseArgs(
      ['--batch-lines', '100000', '--lines=2000', '--overview-full', '--results', '20000'],
      {},
    );
    expect(o.batchLines).toBe(2000);
    expect(o.overviewResults).toBe(20000);
    expect(o.overviewDeletions).toBe(1000);
  });

  it('sizes --overview-full and --quick', () => {
    expect(parseArgs(['--overview-full'], {})).toMatchObject({
      overviewResults: 1000000,
      overviewDeletions: 50000,
    });
    expect(parseArgs(['--quick'], {})).toMatchObject({ mixCount: 100, batchLines: 300 });
    expect(parseArgs([], { BENCH_COUNT: '300' }).mixCount).toBe(300);
  });

  it('refuses bad values', () => {
    expect(() => parseArgs(['--mix-count', '0'], {})).toThrow('at least 1');
    expect(() => parseArgs(['--period', '2026-06'], {})).toThrow('YYYY-05');
    expect(() => parseArgs(['--bogus'], {})).toThrow();
  });
});
