import { MAX_COLLISIONS_IN_A_ROW } from './allocation-policy';
import type { SlotClaims } from './allocate-slot';
import { allocateSlot } from './allocate-slot';

/** Lists in memory: which indexes are taken, and the list allocation fills. */
class FakeLists implements SlotClaims {
  readonly taken = new Set<string>();
  readonly opened: number[] = [];
  current: number;

  constructor(start: number) {
    this.current = start;
  }

  open(listNumber: number): Promise<void> {
    this.opened.push(listNumber);
    return Promise.resolve();
  }

  claim(listNumber: number, index: number): Promise<boolean> {
    const key = `${listNumber}/${index}`;
    if (this.taken.has(key)) return Promise.resolve(false);
    this.taken.add(key);
    return Promise.resolve(true);
  }

  moveOnFrom(full: number): Promise<number> {
    this.current = Math.max(this.current, full + 1);
    return Promise.resolve(this.current);
  }
}

const picks = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe('allocateSlot', () => {
  it.each<[string, string[], number[], { listNumber: number; index: number }]>([
    ['takes the first free pick', [], [5], { listNumber: 1, index: 5 }],
    ['picks again after a taken index', ['1/5', '1/6'], [5, 6, 7], { listNumber: 1, index: 7 }],
    [
      'stays in the list one collision short of moving on',
      ['1/5'],
      [...Array<number>(MAX_COLLISIONS_IN_A_ROW - 1).fill(5), 9],
      { listNumber: 1, index: 9 },
    ],
    [
      'moves on to the next list after too many collisions in a row',
      ['1/5'],
      [5],
      { listNumber: 2, index: 5 },
    ],
    ['hands out index 0 like any other', [], [0], { listNumber: 1, index: 0 }],
  ])('%s', async (_case, taken, picked, slot) => {
    const lists = new FakeLists(1);
    for (const key of taken) lists.taken.add(key);
    await expect(allocateSlot(1, lists, picks(...picked))).resolves.toEqual(slot);
  });

  it('opens a list before handing out its first index, and the next list when moving on', async () => {
    const lists = new FakeLists(1);
    lists.taken.add('1/3');
    await allocateSlot(1, lists, picks(3));
    expect(lists.opened).toEqual([1, 2]);
  });

  it('joins a list another allocator moved on to', async () => {
    const lists = new FakeLists(4);
    lists.taken.add('1/3');
    await expect(allocateSlot(1, lists, picks(3))).resolves.toEqual({ listNumber: 4, index: 3 });
  });

  it('hands out distinct indexes, and moves on only once a list has filled up', async () => {
    const SIZE = 1024;
    const lists = new FakeLists(1);
    // mulberry32: a small seeded generator, so the test sees the same picks every run.
    let seed = 42;
    const pick = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % SIZE;
    };
    const slots = [];
    while (lists.current === 1) slots.push(await allocateSlot(lists.current, lists, pick));
    const inFirst = slots.filter((s) => s.listNumber === 1).length;
    expect(new Set(slots.map((s) => `${s.listNumber}/${s.index}`)).size).toBe(slots.length);
    // For 1,024 entries and 12 collisions in a row, a list is left at 35–85 % full.
    expect(inFirst).toBeGreaterThan(SIZE * 0.35);
    expect(inFirst).toBeLessThan(SIZE * 0.85);
  });
});
