import { retryAfterMs } from './retry-after';

const now = Date.parse('2026-07-04T09:00:00.000Z');

describe('retryAfterMs', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['   ', undefined],
    ['0', 0],
    ['1', 1_000],
    [' 120 ', 120_000],
    ['Sat, 04 Jul 2026 09:00:30 GMT', 30_000],
    ['Sat, 04 Jul 2026 08:59:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['2026', 2_026_000],
    ['2026-07-04', undefined],
  ])('reads %p as %p ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});
