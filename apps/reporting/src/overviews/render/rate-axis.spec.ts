import { rateTicks } from './rate-axis';

describe('rate axis ticks', () => {
  it.each([
    [0, [0, 0.001]],
    [0.0004, [0, 0.001]],
    [0.0136, [0, 0.005, 0.01, 0.015]],
    [0.02, [0, 0.005, 0.01, 0.015, 0.02]],
    [0.03, [0, 0.01, 0.02, 0.03]],
    [0.3, [0, 0.1, 0.2, 0.3]],
    [1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [3, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])('covers %p with %p', (max, ticks) => {
    expect(rateTicks(max)).toEqual(ticks);
  });

  it.each([0.0001, 0.0042, 0.0136, 0.049, 0.17, 0.61, 0.999])(
    'reaches %p in at most five round steps',
    (max) => {
      const ticks = rateTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length - 1).toBeLessThanOrEqual(5);
    },
  );
});
