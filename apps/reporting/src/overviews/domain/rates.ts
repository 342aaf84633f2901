/**
 * A deletion rate as the overviews show it: `deleted / registered`, rounded to 4
 * decimals; 0 when nothing was registered (CONTRACT.md).
 */
export function deletionRate(deleted: number, registered: number): number {
  if (registered === 0) return 0;
  return Math.round((deleted / registered) * 10_000) / 10_000;
}
