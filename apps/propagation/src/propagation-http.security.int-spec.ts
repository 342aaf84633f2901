import type { INestApplication } from '@nestjs/common';
import { TestIssuer, startInProcess } from '@rod/testing';
import { PropagationConfig } from './config/propagation.config';
import { propagationService } from './propagation.service';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** A problem document of the contract (CONTRACT.md, errors), with its status. */
const expectProblem = (answer: Answer, status: number, type?: string) => {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  const problem = JSON.parse(answer.text) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (type) expect(problem.type).toBe(`https://rod.example/problems/${type}`);
};

describe('propagation: HTTP protections (security headers, rate limit, injection, body limit)', () => {
  let issuer: TestIssuer;
  const apps: INestApplication[] = [];
  let url: string;
  let ops: string;

  const start = async (overrides: Partial<PropagationConfig> = {}): Promise<string> => {
    const started = await startInProcess(propagationService, PropagationConfig, {
      ...(issuer.env() as Partial<PropagationConfig>),
      ...overrides,
    });
    apps.push(started.app);
    return started.url;
  };
  const send = async (
    base: string,
    method: string,
    path: string,
    token?: string,
    body?: string,
  ): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ops = await issuer.token({ roles: ['ops'], sub: 'ops-1' });
    url = await start();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await issuer?.dispose();
  });

  it.each([
    ['an answer', '/v1/partners', true, 200],
    ['a refusal', '/v1/partners', false, 401],
  ])('sends strict security headers with %s', async (_name, path, withToken, status) => {
    const answer = await send(url, 'GET', path, withToken ? ops : undefined);
    expect(answer.status).toBe(status);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'none'"),
      'strict-transport-security': expect.stringMatching(/^max-age=\d{7,}/),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it.each([
    '/v1/deliveries?resultId[$ne]=x',
    '/v1/deliveries?resultId=21PA-1&resultId[$ne]=x',
    '/v1/deliveries?partnerId[$regex]=.*',
    '/v1/deliveries?status[$ne]=parked',
    '/v1/deliveries?status=%7B%22%24ne%22%3Anull%7D',
    '/v1/deliveries?limit[$gt]=0',
    '/v1/irreversible-deliveries?institutionCode[$ne]=x',
    '/v1/irreversible-deliveries?from[$gt]=',
    '/v1/irreversible-deliveries?institutionCode=%7B%22%24ne%22%3Anull%7D',
  ])('refuses the query operator in %s with a 400 problem', async (path) => {
    expectProblem(await send(url, 'GET', path, ops), 400);
  });

  it.each(['%7B%22%24ne%22%3Anull%7D', '%24where', '.*'])(
    'finds no delivery to retry under the path parameter %s',
    async (deliveryId) => {
      const answer = await send(url, 'POST', `/v1/deliveries/${deliveryId}/retry`, ops);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    },
  );

  it('refuses a body over 64 KiB with 413 and a problem', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(65 * 1024) });
    expectProblem(
      await send(url, 'POST', '/v1/deliveries/any/retry', ops, body),
      413,
      'payload-too-large',
    );
  });

  it('limits each client: 429 with Retry-After and a problem past the limit, health exempt', async () => {
    const limited = await start({ RATE_LIMIT_CLIENT: 2, RATE_LIMIT_ANONYMOUS_READ: 2 });
    const other = await issuer.token({ roles: ['ops'], sub: 'ops-2' });
    expect((await send(limited, 'GET', '/v1/partners', ops)).status).toBe(200);
    expect((await send(limited, 'GET', '/v1/deliveries', ops)).status).toBe(200);
    const refused = await send(limited, 'GET', '/v1/partners', ops);
    expectProblem(refused, 429, 'rate-limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send(limited, 'GET', '/v1/partners', other)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      expect((await send(limited, 'GET', '/health/live')).status).toBe(200);
    }
  });
});
