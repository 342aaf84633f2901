'use strict';
const { describe, it, expect } = require('@jest/globals');
const { currentPeriod, topicMatches } = require('./reconcile');
const { seededRandom, testBsn } = require('./random');
const { matches, PARTNERS } = require('./partners');
const { republishProperties } = require('../../ops/replay-dlq');

describe('currentPeriod (the overview a deletion of today falls in, Europe/Amsterdam)', () => {
  it.each([
    ['2026-11-28T12:00:00Z', '2027-05'],
    ['2026-10-31T23:30:00Z', '2027-05'], // 1 November already in Amsterdam (UTC+1)
    ['2026-10-31T12:00:00Z', '2026-11'],
    ['2027-04-30T12:00:00Z', '2027-05'],
    ['2027-05-01T12:00:00Z', '2027-11'],
  ])('%s is in %s', (now, period) => {
    expect(currentPeriod(new Date(now))).toBe(period);
  });
});

describe('topicMatches', () => {
  it.each([
    ['result.registered.v1', 'result.registered.v1', true],
    ['result.*.v1', 'result.registered.v1', true],
    ['#', 'result.registered.v1', true],
    ['result.#', 'result.registered.v1', true],
    ['result.deleted.v1', 'result.registered.v1', false],
    ['*.registered', 'result.registered.v1', false],
  ])('%s takes %s: %s', (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected);
  });
});

describe('the chaos load', () => {
  it('makes test BSNs that pass the 11-check, the same ones for the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    for (let i = 0; i < 50; i++) {
      const bsn = testBsn(a);
      expect(testBsn(b)).toBe(bsn);
      const digits = [...bsn].map(Number);
      const sum = digits.slice(0, 8).reduce((s, d, k) => s + (9 - k) * d, 0) - digits[8];
      expect(sum % 11).toBe(0);
    }
  });

  it('routes a healthcare programme to the partners that cannot retract', () => {
    const nursing = { crohoCode: '34560', level: 'HBO', examType: 'bachelor' };
    expect(PARTNERS.filter((p) => matches(p, nursing)).map((p) => p.id)).toEqual([
      'chaos-big',
      'chaos-portal',
    ]);
  });
});

describe('replay-dlq', () => {
  it('publishes a dead letter again with its own properties, without the broker death records', () => {
    const { options, deaths } = republishProperties({
      messageId: 'm1',
      type: 'ResultRegistered',
      contentType: 'application/json',
      headers: { 'x-death': [{ reason: 'rejected' }], 'x-delivery-count': 3, trace: 't' },
    });
    expect(deaths).toEqual([{ reason: 'rejected' }]);
    expect(options).toEqual({
      persistent: true,
      messageId: 'm1',
      type: 'ResultRegistered',
      contentType: 'application/json',
      headers: { trace: 't', 'x-replayed-from-dlq': true },
    });
  });
});
