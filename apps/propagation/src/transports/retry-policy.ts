/** The longest wait between two attempts, whatever the attempt. */
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

/**
 * How long to wait after failed attempt number `attempt` (1 for the first): exponential
 * back-off with full jitter,
 *
 *     delay = floor(random() × min(capMs, baseMs × 2^(attempt − 1)))
 *
 * so the ceiling doubles with every attempt up to `capMs`, and the wait is drawn evenly
 * below it, which spreads the retries of many deliveries that failed together.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
  capMs: number = MAX_RETRY_DELAY_MS,
): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a whole number from 1, not ${attempt}`);
  }
  if (!(baseMs > 0) || !(capMs > 0)) throw new RangeError('baseMs and capMs must be above 0');
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.floor(Math.min(Math.max(random(), 0), 1 - Number.EPSILON) * ceiling);
}

/** Whether a delivery that has failed `attempts` times gets no further attempt. */
export function shouldPark(attempts: number, maxAttempts: number): boolean {
  return attempts >= maxAttempts;
}
