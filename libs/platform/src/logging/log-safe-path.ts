/** Nine digits on their own: the shape of a BSN and of an education number. */
const PERSONAL_NUMBER_SHAPE = /(?<!\d)\d{9}(?!\d)/g;

/**
 * A request's path as the access log shows it: without its query, and with anything shaped
 * like a personal number masked. No route takes one in its path, but a client may still
 * send one (a mistyped URL), and the log must not keep it. A result sequence of exactly
 * nine digits is masked too; the other log lines name the result.
 */
export function logSafePath(url: string): string {
  return url.split('?')[0].replace(PERSONAL_NUMBER_SHAPE, '*********');
}
