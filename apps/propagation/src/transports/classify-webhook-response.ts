import { retryAfterMs } from './retry-after';
import type { WebhookOutcome } from './webhook-outcome';

/** Statuses that say "not now" rather than "not this": tried again with back-off. */
const PASSING = new Set([408, 429]);
/** Statuses whose Retry-After header is honoured. */
const WITH_RETRY_AFTER = new Set([429, 503]);

/**
 * The outcome of a webhook answer (CONTRACT.md, "Partner deliveries"): 2xx delivered;
 * 408, 429 and 5xx retried; other 4xx, and 3xx (redirects are not followed), parked.
 */
export function classifyWebhookResponse(
  status: number,
  retryAfter: string | null = null,
  now = Date.now(),
): WebhookOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (PASSING.has(status) || (status >= 500 && status < 600)) {
    const after = WITH_RETRY_AFTER.has(status) ? retryAfterMs(retryAfter, now) : undefined;
    return {
      kind: 'retry',
      reason: `HTTP ${status}`,
      status,
      ...(after === undefined ? {} : { retryAfterMs: after }),
    };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'park', reason: `HTTP ${status}: redirects are not followed`, status };
  }
  return { kind: 'park', reason: `HTTP ${status}`, status };
}
