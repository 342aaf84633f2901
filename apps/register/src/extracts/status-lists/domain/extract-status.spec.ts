import type { BitChange, ExtractBits, ListBits, ResultStatusName } from './extract-status';
import { applyBitChanges, extractBitsFor, holds, isResultStatus, sameBits } from './extract-status';

describe('extractBitsFor', () => {
  it.each<[ResultStatusName, ExtractBits]>([
    ['registered', { revoked: false, suspended: false }],
    ['suspended', { revoked: false, suspended: true }],
    ['deleted', { revoked: true, suspended: false }],
  ])('gives the extracts of a %s result %p', (status, bits) => {
    expect(extractBitsFor(status)).toEqual(bits);
  });

  it.each([
    ['registered', true],
    ['deleted', true],
    ['corrected', false],
    [undefined, false],
  ])('knows %p as a result status: %p', (value, known) => {
    expect(isResultStatus(value)).toBe(known);
  });
});

describe('applyBitChanges', () => {
  const none: ListBits = { revoked: [], suspended: [] };
  const change = (index: number, status: ResultStatusName): BitChange => ({
    index,
    ...extractBitsFor(status),
  });

  it.each<[string, ListBits, BitChange[], ListBits]>([
    ['suspends', none, [change(5, 'suspended')], { revoked: [], suspended: [5] }],
    [
      'reinstates',
      { revoked: [], suspended: [5, 9] },
      [change(5, 'registered')],
      { revoked: [], suspended: [9] },
    ],
    [
      'revokes a suspended extract and lifts its suspension',
      { revoked: [], suspended: [5] },
      [change(5, 'deleted')],
      { revoked: [5], suspended: [] },
    ],
    [
      'never takes a revocation back',
      { revoked: [5], suspended: [] },
      [change(5, 'registered')],
      { revoked: [5], suspended: [] },
    ],
    [
      'keeps both lists sorted',
      { revoked: [10], suspended: [] },
      [change(3, 'deleted'), change(70, 'deleted'), change(1, 'suspended')],
      { revoked: [3, 10, 70], suspended: [1] },
    ],
    [
      'changes nothing for a registered result',
      { revoked: [2], suspended: [4] },
      [change(7, 'registered')],
      { revoked: [2], suspended: [4] },
    ],
    [
      'leaves other extracts alone',
      { revoked: [1], suspended: [2] },
      [change(3, 'suspended')],
      { revoked: [1], suspended: [2, 3] },
    ],
  ])('%s', (_case, before, changes, after) => {
    expect(applyBitChanges(before, changes)).toEqual(after);
  });

  it.each<[ResultStatusName[]]>([
    [['suspended', 'registered', 'suspended']],
    [['deleted', 'deleted']],
    [['suspended', 'deleted', 'registered']],
  ])('is idempotent: applying the current status again after %p changes nothing', (history) => {
    let list = none;
    for (const status of history) list = applyBitChanges(list, [change(4, status)]);
    const again = applyBitChanges(list, [change(4, history[history.length - 1])]);
    expect(sameBits(again, list)).toBe(true);
  });
});

describe('holds', () => {
  it.each<[number[], number, boolean]>([
    [[], 0, false],
    [[0], 0, true],
    [[1, 5, 9, 131_071], 131_071, true],
    [[1, 5, 9], 6, false],
    [[1, 5, 9], 1, true],
    [[1, 5, 9], 10, false],
  ])('finds in %p the index %p: %p', (list, index, found) => {
    expect(holds(list, index)).toBe(found);
  });
});

describe('sameBits', () => {
  it.each<[ListBits, ListBits, boolean]>([
    [{ revoked: [1], suspended: [] }, { revoked: [1], suspended: [] }, true],
    [{ revoked: [1], suspended: [] }, { revoked: [], suspended: [1] }, false],
    [{ revoked: [1, 2], suspended: [] }, { revoked: [1, 3], suspended: [] }, false],
  ])('compares %p and %p: %p', (a, b, same) => {
    expect(sameBits(a, b)).toBe(same);
  });
});
