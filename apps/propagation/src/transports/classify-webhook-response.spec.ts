import { classifyWebhookResponse } from './classify-webhook-response';
import type { WebhookOutcome } from './webhook-outcome';

const now = Date.parse('2026-07-04T09:00:00.000Z');

describe('classifyWebhookResponse', () => {
  it.each([
    [200, null, { kind: 'delivered', status: 200 }],
    [201, null, { kind: 'delivered', status: 201 }],
    [202, null, { kind: 'delivered', status: 202 }],
    [204, null, { kind: 'delivered', status: 204 }],
    [408, null, { kind: 'retry', reason: 'HTTP 408', status: 408 }],
    [408, '30', { kind: 'retry', reason: 'HTTP 408', status: 408 }],
    [429, null, { kind: 'retry', reason: 'HTTP 429', status: 429 }],
    [429, '30', { kind: 'retry', reason: 'HTTP 429', status: 429, retryAfterMs: 30_000 }],
    [
      429,
      'Sat, 04 Jul 2026 09:02:00 GMT',
      { kind: 'retry', reason: 'HTTP 429', status: 429, retryAfterMs: 120_000 },
    ],
    [429, 'soon', { kind: 'retry', reason: 'HTTP 429', status: 429 }],
    [500, null, { kind: 'retry', reason: 'HTTP 500', status: 500 }],
    [500, '30', { kind: 'retry', reason: 'HTTP 500', status: 500 }],
    [502, null, { kind: 'retry', reason: 'HTTP 502', status: 502 }],
    [503, '5', { kind: 'retry', reason: 'HTTP 503', status: 503, retryAfterMs: 5_000 }],
    [504, null, { kind: 'retry', reason: 'HTTP 504', status: 504 }],
    [599, null, { kind: 'retry', reason: 'HTTP 599', status: 599 }],
    [400, null, { kind: 'park', reason: 'HTTP 400', status: 400 }],
    [401, null, { kind: 'park', reason: 'HTTP 401', status: 401 }],
    [403, null, { kind: 'park', reason: 'HTTP 403', status: 403 }],
    [404, null, { kind: 'park', reason: 'HTTP 404', status: 404 }],
    [409, null, { kind: 'park', reason: 'HTTP 409', status: 409 }],
    [410, null, { kind: 'park', reason: 'HTTP 410', status: 410 }],
    [422, null, { kind: 'park', reason: 'HTTP 422', status: 422 }],
    [301, null, { kind: 'park', reason: 'HTTP 301: redirects are not followed', status: 301 }],
    [302, null, { kind: 'park', reason: 'HTTP 302: redirects are not followed', status: 302 }],
    [307, null, { kind: 'park', reason: 'HTTP 307: redirects are not followed', status: 307 }],
    [308, null, { kind: 'park', reason: 'HTTP 308: redirects are not followed', status: 308 }],
  ] as [number, string | null, WebhookOutcome][])(
    'answers HTTP %i (Retry-After %p) with %j',
    (status, retryAfter, expected) => {
      expect(classifyWebhookResponse(status, retryAfter, now)).toEqual(expected);
    },
  );
});
