import type { LedgerLine } from './ledger-line';
import { NewestLines } from './newest-lines';

const line = (n: number): LedgerLine =>
  ({
    deliveryId: `d${String(n).padStart(3, '0')}`,
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  }) as LedgerLine;

describe('NewestLines', () => {
  it.each<[string, number, number[][], string[]]>([
    ['fewer lines than the limit', 5, [[1, 2], [3]], ['d003', 'd002', 'd001']],
    ['exactly the limit', 2, [[1], [2]], ['d002', 'd001']],
    ['more, in one batch', 2, [[5, 1, 9, 3, 7]], ['d009', 'd007']],
    [
      'more, over many batches that trim on the way',
      3,
      [
        [1, 2, 3, 4],
        [20, 5, 6],
        [7, 8],
        [9, 10, 11, 12, 13],
      ],
      ['d020', 'd013', 'd012'],
    ],
    ['nothing', 3, [], []],
  ])('keeps the newest lines of %s', (_what, limit, batches, expected) => {
    const newest = new NewestLines(limit);
    for (const batch of batches) newest.add(batch.map(line));
    expect(newest.list().map((l) => l.deliveryId)).toEqual(expected);
  });
});
