/**
 * A partner id: lowercase letters and digits in dash-separated words, at most 63
 * characters. It becomes a routing key, a queue name (`partner.<id>.inbox`) and part
 * of environment variable names, so it holds nothing those would have to escape.
 */
export const PARTNER_ID_PATTERN = /^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `cibg-big` → `CIBG_BIG`: the partner's part of `PARTNER_<ID>_SECRET` and `PARTNER_<ID>_URL`. */
export function partnerEnvName(partnerId: string): string {
  return partnerId.toUpperCase().replace(/-/g, '_');
}
