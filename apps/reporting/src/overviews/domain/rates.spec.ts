import { deletionRate } from './rates';

describe('deletionRate', () => {
  it.each([
    [0, 0, 0],
    [5, 0, 0],
    [0, 10, 0],
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [16, 92, 0.1739],
    [1, 8, 0.125],
    [1, 20_000, 0.0001],
    [1, 20_001, 0],
    [7, 7, 1],
  ])('%i deleted of %i registered is %d', (deleted, registered, rate) => {
    expect(deletionRate(deleted, registered)).toBe(rate);
  });
});
