import { MAX_RETRY_DELAY_MS, retryDelayMs, shouldPark } from './retry-policy';

const always = (value: number) => () => value;
/** Just below 1: the largest draw Math.random can give. */
const top = always(1 - Number.EPSILON);

describe('retryDelayMs', () => {
  it.each([
    // attempt, base, random, cap, expected
    [1, 1000, top, MAX_RETRY_DELAY_MS, 999],
    [2, 1000, top, MAX_RETRY_DELAY_MS, 1999],
    [3, 1000, top, MAX_RETRY_DELAY_MS, 3999],
    [8, 1000, top, MAX_RETRY_DELAY_MS, 127_999],
    [1, 1000, always(0.5), MAX_RETRY_DELAY_MS, 500],
    [4, 1000, always(0.5), MAX_RETRY_DELAY_MS, 4000],
    [4, 250, always(0.5), MAX_RETRY_DELAY_MS, 1000],
    [1, 1000, always(0), MAX_RETRY_DELAY_MS, 0],
    [5, 1000, always(0), MAX_RETRY_DELAY_MS, 0],
    [11, 1000, always(0.5), MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS / 2],
    [60, 1000, always(0.5), MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS / 2],
    [5000, 1000, always(0.5), MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS / 2],
    [3, 1000, always(0.5), 3000, 1500],
    [1, 1000, always(1), MAX_RETRY_DELAY_MS, 999],
    [1, 1000, always(-1), MAX_RETRY_DELAY_MS, 0],
  ])(
    'waits, after attempt %i with base %i ms, %#: the expected share of the ceiling',
    (attempt, base, random, cap, expected) => {
      expect(retryDelayMs(attempt, base, random, cap)).toBe(expected);
    },
  );

  it('stays below the doubling ceiling and the cap with Math.random', () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const ceiling = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(attempt, 1000);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
      }
    }
  });

  it.each([
    [0, 1000, MAX_RETRY_DELAY_MS],
    [-1, 1000, MAX_RETRY_DELAY_MS],
    [1.5, 1000, MAX_RETRY_DELAY_MS],
    [Number.NaN, 1000, MAX_RETRY_DELAY_MS],
    [1, 0, MAX_RETRY_DELAY_MS],
    [1, Number.NaN, MAX_RETRY_DELAY_MS],
    [1, 1000, 0],
  ])('refuses attempt %p, base %p, cap %p', (attempt, base, cap) => {
    expect(() => retryDelayMs(attempt, base, Math.random, cap)).toThrow(RangeError);
  });
});

describe('shouldPark', () => {
  it.each([
    [1, 8, false],
    [7, 8, false],
    [8, 8, true],
    [9, 8, true],
    [1, 1, true],
    [0, 1, false],
  ])('after %i failed attempts of at most %i: %s', (attempts, max, expected) => {
    expect(shouldPark(attempts, max)).toBe(expected);
  });
});
