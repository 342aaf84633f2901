/**
 * A `Retry-After` header in milliseconds: delay-seconds (`120`) or an HTTP date; undefined
 * when absent or unreadable, 0 for a date in the past.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date) || !/[a-z]/i.test(value)) return undefined;
  return Math.max(0, date - now);
}
