/** How many trailing characters of a personal number stay readable on paper. */
export const VISIBLE_PERSON_NUMBER_DIGITS = 3;

/**
 * A BSN or education number as the printed extract shows it: every character but the last
 * three replaced by `*` (`123456782` → `******782`). A number of three characters or fewer
 * is masked entirely, so that the paper never shows a whole number.
 */
export function maskPersonNumber(personNumber: string): string {
  const visible =
    personNumber.length > VISIBLE_PERSON_NUMBER_DIGITS
      ? personNumber.slice(-VISIBLE_PERSON_NUMBER_DIGITS)
      : '';
  return '*'.repeat(personNumber.length - visible.length) + visible;
}
