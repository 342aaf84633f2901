import { storedSlots } from './stored-extracts';

const record = (listNumber: unknown, index: unknown) => ({
  extractId: 'e',
  issuedAt: '2026-11-28T10:00:00.000Z',
  kid: 'k',
  listNumber,
  index,
});

describe('storedSlots', () => {
  it.each<[string, unknown, [number, number[]][], number]>([
    ['absent extracts', undefined, [], 0],
    ['null', null, [], 0],
    ['not a list', { listNumber: 1, index: 2 }, [], 0],
    ['no extracts', [], [], 0],
    ['one extract', [record(1, 5)], [[1, [5]]], 0],
    [
      'extracts in two lists',
      [record(1, 5), record(2, 7), record(1, 9)],
      [
        [1, [5, 9]],
        [2, [7]],
      ],
      0,
    ],
    ['the same place twice', [record(1, 5), record(1, 5)], [[1, [5]]], 0],
    ['the last index', [record(1, 131_071)], [[1, [131_071]]], 0],
    ['an index past the list', [record(1, 131_072)], [], 1],
    ['a negative index', [record(1, -1)], [], 1],
    ['list number 0', [record(0, 1)], [], 1],
    ['a string index', [record(1, '5')], [], 1],
    ['a record that is not an object', ['1/5', null], [], 2],
    ['good and bad records', [record(3, 1), record(null, 1)], [[3, [1]]], 1],
  ])('reads %s', (_case, extracts, byList, unusable) => {
    const slots = storedSlots(extracts);
    expect([...slots.byList.entries()]).toEqual(byList);
    expect(slots.unusable).toBe(unusable);
  });
});
