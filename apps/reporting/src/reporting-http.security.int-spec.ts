import type { INestApplication } from '@nestjs/common';
import { Queues } from '@rod/contracts';
import { BrokerProbe, TestIssuer, eventually, startInProcess, testAmqpUrl } from '@rod/testing';
import { ReportingConfig } from './config/reporting.config';
import { FIXTURE_PERIOD, overviewFixtureEvents } from './overviews/domain/testing/overview-fixture';
import { PAGE_CONTENT_SECURITY_POLICY } from './overviews/render';
import { reportingService } from './reporting.service';

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

describe('reporting: HTTP protections (security headers, rate limit, injection, body limit)', () => {
  let issuer: TestIssuer;
  const apps: INestApplication[] = [];
  let url: string;
  let ops: string;
  let institution: string;

  const start = async (overrides: Partial<ReportingConfig> = {}): Promise<string> => {
    const started = await startInProcess(reportingService, ReportingConfig, {
      ...(issuer.env() as Partial<ReportingConfig>),
      REPORTING_BUILD_SCHEDULE: false,
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
    institution = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    url = await start();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await issuer?.dispose();
  });

  it.each([
    ['an answer', '/v1/overviews', 200],
    ['a refusal', '/v1/overviews/2026-05', 403],
    ['a page that is not there', '/overviews/2026-05/institutions/21PA', 404],
  ])('sends strict security headers with %s', async (_name, path, status) => {
    const answer = await send(url, 'GET', path, institution);
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

  it("keeps the overview page's own Content-Security-Policy, with the other headers", async () => {
    const probe = await BrokerProbe.connect(testAmqpUrl());
    const fixture = overviewFixtureEvents();
    for (const event of [...fixture.results.flatMap((r) => r.events), ...fixture.flags]) {
      await probe.publishEvent(event);
    }
    // Where the fixture's events also land, with no service of theirs running here.
    await probe.purgeAll([
      Queues.propagationResultEvents,
      Queues.registerExtractStatus,
      Queues.helpdeskFraudReports,
    ]);
    await probe.close();
    const pagePath = `/overviews/${FIXTURE_PERIOD}/institutions/21PA`;
    const page = await eventually(
      async () => {
        await send(url, 'POST', `/v1/overviews/${FIXTURE_PERIOD}/build`, ops);
        const answer = await send(url, 'GET', pagePath, institution);
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'the overview page' },
    );
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CONTENT_SECURITY_POLICY);
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each([
    '/v1/overviews/%7B%22%24ne%22%3Anull%7D',
    '/v1/overviews/2026-05/institutions/%7B%22%24ne%22%3Anull%7D',
    '/v1/overviews/2026-05/institutions/%24where',
    '/v1/overviews/2026-05/institutions/.*',
    '/overviews/2026-05/institutions/%7B%22%24gt%22%3A%22%22%7D',
    '/v1/overviews/2026-05/institutions/21PA?format[$ne]=json',
  ])('refuses the operator in %s with a 4xx problem', async (path) => {
    const answer = await send(url, 'GET', path, institution);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a body over 64 KiB with 413 and a problem', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(65 * 1024) });
    expectProblem(
      await send(url, 'POST', '/v1/overviews/2026-05/build', ops, body),
      413,
      'payload-too-large',
    );
  });

  it('limits each client: 429 with Retry-After and a problem past the limit, health exempt', async () => {
    const limited = await start({ RATE_LIMIT_CLIENT: 2, RATE_LIMIT_ANONYMOUS_READ: 2 });
    const other = await issuer.token({ roles: ['institution'], institutionCode: '22XY' });
    expect((await send(limited, 'GET', '/v1/overviews', institution)).status).toBe(200);
    expect((await send(limited, 'GET', '/v1/overviews', institution)).status).toBe(200);
    const refused = await send(limited, 'GET', '/v1/overviews', institution);
    expectProblem(refused, 429, 'rate-limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send(limited, 'GET', '/v1/overviews', other)).status).toBe(200);
    for (let i = 0; i < 4; i += 1) {
      expect((await send(limited, 'GET', '/metrics')).status).toBe(200);
    }
  });
});
