import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookPartner } from '../partners/domain/partner';
import { sendWebhook } from './send-webhook';
import type { WebhookOutcome } from './webhook-outcome';

const SECRET = 'a-webhook-secret-of-some-length';
const DELIVERY_ID = '6f1c1a4e-3b0e-4a53-9d55-1d0b0e7d2c11';
const BODY = JSON.stringify({
  deliveryId: DELIVERY_ID,
  partnerId: 'hook',
  kind: 'registration',
  result: { person: { bsn: '123456782' }, name: 'Zoë' },
});

interface Received {
  method?: string;
  path?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (response: ServerResponse) => void;

/** A partner's webhook endpoint on a free local port; each test says how it answers. */
class FakePartner {
  readonly received: Received[] = [];
  answer: Answer = (response) => response.writeHead(204).end();
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          method: request.method,
          path: request.url,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        this.answer(response);
      });
    });
  }

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/rod?x=1`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}

const partnerAt = (url: string, timeoutMs = 2_000): WebhookPartner => ({
  id: 'hook',
  name: 'Hook',
  filter: {},
  canRetract: true,
  transport: { kind: 'webhook', url, secret: SECRET, timeoutMs },
});

describe('sendWebhook (against a real local HTTP server)', () => {
  let partner: FakePartner;
  let url: string;

  beforeEach(async () => {
    partner = new FakePartner();
    url = await partner.listen();
  });

  afterEach(() => partner.close());

  it('POSTs the exact body as JSON with its delivery id and a signature that verifies', async () => {
    await expect(sendWebhook(partnerAt(url), BODY, DELIVERY_ID)).resolves.toEqual({
      kind: 'delivered',
      status: 204,
    });
    expect(partner.received).toHaveLength(1);
    const [request] = partner.received;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/rod?x=1', body: BODY });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-delivery-id']).toBe(DELIVERY_ID);
    const expected = Buffer.from(
      `sha256=${createHmac('sha256', SECRET).update(Buffer.from(request.body, 'utf8')).digest('hex')}`,
    );
    const signature = Buffer.from(String(request.headers['x-signature']));
    expect(signature.length).toBe(expected.length);
    expect(timingSafeEqual(signature, expected)).toBe(true);
  });

  it.each([
    ['200 with a body', 200, {}, 'ok', { kind: 'delivered', status: 200 }],
    ['202', 202, {}, '', { kind: 'delivered', status: 202 }],
    ['408', 408, {}, '', { kind: 'retry', reason: 'HTTP 408', status: 408 }],
    [
      '429 with Retry-After',
      429,
      { 'Retry-After': '7' },
      'slow down',
      { kind: 'retry', reason: 'HTTP 429', status: 429, retryAfterMs: 7_000 },
    ],
    [
      '503 with Retry-After',
      503,
      { 'Retry-After': '2' },
      '',
      { kind: 'retry', reason: 'HTTP 503', status: 503, retryAfterMs: 2_000 },
    ],
    [
      '500 with a body that repeats the request',
      500,
      {},
      BODY,
      { kind: 'retry', reason: 'HTTP 500', status: 500 },
    ],
    ['400', 400, {}, '{"error":"bad"}', { kind: 'park', reason: 'HTTP 400', status: 400 }],
    [
      '301 to elsewhere',
      301,
      { Location: 'http://127.0.0.1:1/elsewhere' },
      '',
      { kind: 'park', reason: 'HTTP 301: redirects are not followed', status: 301 },
    ],
  ] as [string, number, Record<string, string>, string, WebhookOutcome][])(
    'classifies a partner that answers %s',
    async (_what, status, headers, answerBody, expected) => {
      partner.answer = (response) => response.writeHead(status, headers).end(answerBody);
      const outcome = await sendWebhook(partnerAt(url), BODY, DELIVERY_ID);
      expect(outcome).toEqual(expected);
      expect(JSON.stringify(outcome)).not.toContain('123456782');
      expect(partner.received).toHaveLength(1);
    },
  );

  it('reads a large answer only up to its cap and still gives the status', async () => {
    partner.answer = (response) => {
      response.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < 64; i++) response.write(chunk);
      response.end();
    };
    await expect(sendWebhook(partnerAt(url), BODY, DELIVERY_ID)).resolves.toEqual({
      kind: 'delivered',
      status: 200,
    });
  });

  it('gives up on a partner that does not answer within its timeout, to retry later', async () => {
    partner.answer = () => undefined;
    const started = Date.now();
    await expect(sendWebhook(partnerAt(url, 200), BODY, DELIVERY_ID)).resolves.toEqual({
      kind: 'retry',
      reason: 'no answer within 200 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries later when nothing listens at the URL (connection refused)', async () => {
    const gone = new FakePartner();
    const goneUrl = await gone.listen();
    await gone.close();
    await expect(sendWebhook(partnerAt(goneUrl), BODY, DELIVERY_ID)).resolves.toEqual({
      kind: 'retry',
      reason: 'connection failed (ECONNREFUSED)',
    });
  });
});

describe('sendWebhook (with a fetch that fails)', () => {
  it.each([
    [
      'a socket error',
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }),
      'connection failed (UND_ERR_SOCKET)',
    ],
    ['an error without a cause', new TypeError('fetch failed'), 'connection failed'],
  ])('answers %s with a retry', async (_what, error, reason) => {
    const failing = (() => Promise.reject(error)) as typeof fetch;
    await expect(
      sendWebhook(partnerAt('https://partner.example/hook'), BODY, DELIVERY_ID, failing),
    ).resolves.toEqual({ kind: 'retry', reason });
  });
});
