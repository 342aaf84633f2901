'use strict';
const { describe, it, expect } = require('@jest/globals');
const {
  OverviewSeed,
  periodBounds,
  periodsBack,
  institutionCodes,
  DELETION_REASONS,
} = require('./overview-seed');

function seedAll(options) {
  const seed = new OverviewSeed(options);
  const results = [];
  const flags = [];
  for (let i = 0; i < options.results; i++) {
    const made = seed.next(i);
    results.push(made.result);
    flags.push(...made.flags);
  }
  return { seed, results, flags };
}

describe('periodBounds', () => {
  it.each([
    ['2026-11', '2026-04-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
    ['2026-05', '2025-10-31T23:00:00.000Z', '2026-04-30T22:00:00.000Z'],
    ['2030-11', '2030-04-30T22:00:00.000Z', '2030-10-31T23:00:00.000Z'],
  ])('%s runs from Amsterdam midnight %s to %s', (name, from, to) => {
    const bounds = periodBounds(name);
    expect(new Date(bounds.from).toISOString()).toBe(from);
    expect(new Date(bounds.to).toISOString()).toBe(to);
  });

  it('refuses a name that is no period', () => {
    expect(() => periodBounds('2026-06')).toThrow('YYYY-05 or YYYY-11');
  });

  it('goes back period by period without gaps', () => {
    const periods = periodsBack('2026-11', 4);
    for (let i = 1; i < periods.length; i++) expect(periods[i].to).toBe(periods[i - 1].from);
  });
});

describe('institutionCodes', () => {
  it('gives distinct BRIN-like codes', () => {
    const codes = institutionCodes(150);
    expect(new Set(codes).size).toBe(150);
    for (const code of codes) expect(code).toMatch(/^[0-9]{2}[A-Z]{2}$/);
  });
});

describe('OverviewSeed', () => {
  it.each([
    [1000, 50, 15],
    [997, 0, 3],
    [200, 200, 150],
    [5000, 250, 150],
  ])('%i results with %i deletions over %i institutions', (results, deletions, institutions) => {
    const {
      seed,
      results: docs,
      flags,
    } = seedAll({
      results,
      deletions,
      institutions,
      period: '2026-11',
    });
    const { from, to } = periodBounds('2026-11');
    const inPeriod = (iso) => iso !== null && Date.parse(iso) >= from && Date.parse(iso) < to;
    const deleted = docs.filter((d) => d.state.status === 'deleted' && inPeriod(d.state.deletedAt));
    expect(deleted).toHaveLength(deletions);
    expect(seed.expected.deleted).toBe(deletions);
    expect(seed.expected.registered).toBe(
      docs.filter((d) => inPeriod(d.state.registeredAt)).length,
    );
    expect(new Set(docs.map((d) => d.state.institutionCode)).size).toBe(
      Math.min(institutions, results),
    );
    for (const doc of docs) {
      expect(Object.keys(doc)).toEqual([
        '_id',
        'lastSequence',
        'held',
        'state',
        'version',
        'outbox',
        'outboxPending',
      ]);
      const { state } = doc;
      expect(Date.parse(state.registeredAt)).toBeLessThan(to);
      if (state.deletedAt !== null) {
        expect(Date.parse(state.deletedAt)).toBeGreaterThan(Date.parse(state.registeredAt));
        expect(DELETION_REASONS).toContain(state.deletionReason);
      }
    }
    const byId = new Map(docs.map((d) => [d._id, d]));
    for (const flag of flags) {
      expect(flag.deletedAt).toBe(byId.get(flag.resultId).state.deletedAt);
    }
    expect(seed.expected.flags).toBe(flags.length);
  });

  it('uses every deletion reason once there are seven deletions or more', () => {
    const { seed } = seedAll({ results: 700, deletions: 70, institutions: 5, period: '2026-11' });
    for (const reason of DELETION_REASONS)
      expect(seed.expected.byReason[reason]).toBeGreaterThan(0);
  });

  it('makes the same documents in every run', () => {
    const options = { results: 300, deletions: 30, institutions: 7, period: '2026-05' };
    expect(seedAll(options).results).toEqual(seedAll(options).results);
  });
});
