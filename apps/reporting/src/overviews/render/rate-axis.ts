/** A step that reads well on a percentage axis, as a fraction (0.0025 is 0.25%). */
const STEPS = [0.001, 0.002, 0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25];
const MAX_TICKS = 5;

/** The ticks of a rate axis from 0 to at least `max`: at most five steps of a round size. */
export function rateTicks(max: number): number[] {
  const top = Math.min(Math.max(max, 0), 1);
  const step = STEPS.find((size) => Math.ceil(top / size - 1e-9) <= MAX_TICKS) ?? 0.25;
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  // Multiplying (not adding) keeps 0.1 + 0.2 style drift out of the tick values.
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(6)));
}
