import type { INestApplication } from '@nestjs/common';
import { Exchanges, RoutingKeys } from '@rod/contracts';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  startInProcess,
  testAmqpUrl,
  testMongoUrl,
} from '@rod/testing';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';
import { RegisterConfig } from './config/register.config';
import { registerService } from './register.service';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

const send = async (
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: string; type?: string; headers?: Record<string, string> } = {},
): Promise<Answer> => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': options.type ?? 'application/json' }),
      ...options.headers,
    },
    body: options.body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

/** A problem document of the contract (CONTRACT.md, errors), with its status. */
const expectProblem = (answer: Answer, status: number, type?: string) => {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toContain('application/problem+json');
  const problem = JSON.parse(answer.text) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  if (type) expect(problem.type).toBe(`https://rod.example/problems/${type}`);
  return problem;
};

/** 4xx: a clear refusal of the client's input (not a 5xx, not a success). */
const clientError = (status: number): boolean => status >= 400 && status < 500;

/** Operator values and keys an attacker puts where a plain value belongs. */
const OPERATORS: unknown[] = [
  { $ne: null },
  { $gt: '' },
  { $regex: '.*' },
  { $where: 'sleep(100)' },
  { $in: ['duplicate', 'administrative-error'] },
];

describe('register: HTTP protections (security headers, rate limit, injection, body limit)', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let url: string;
  let database: Connection;
  let probe: BrokerProbe;
  let events: CapturedMessage[];
  let institution: string;
  let student: string;
  let helpdesk: string;
  let ops: string;
  let sequence: string;

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    const started = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
    });
    ({ app, url } = started);
    database = await createConnection(testMongoUrl(), {
      dbName: String(started.config.MONGO_DB),
    }).asPromise();
    probe = await BrokerProbe.connect(testAmqpUrl());
    events = await probe.capture(Exchanges.resultsEvents);
    institution = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    helpdesk = await issuer.token({ roles: ['helpdesk'], sub: 'desk-1' });
    ops = await issuer.token({ roles: ['ops'], sub: 'ops-1' });
    const registration = aRegistration('21PA');
    sequence = String(registration.resultSequence);
    student = await issuer.token({
      roles: ['student'],
      sub: (registration.person as { bsn: string }).bsn,
    });
    const answer = await send(url, 'POST', '/v1/institutions/21PA/results', {
      token: institution,
      body: JSON.stringify(registration),
    });
    expect(answer.status).toBe(201);
  });

  afterAll(async () => {
    await probe?.close();
    await database?.close();
    await app?.close();
    await issuer?.dispose();
  });

  /** Documents per collection of the register's database. */
  const stored = async (): Promise<Record<string, number>> => {
    const collections = await database.db!.listCollections().toArray();
    const counts = await Promise.all(
      collections.map(async ({ name }) => [
        name,
        await database.db!.collection(name).countDocuments(),
      ]),
    );
    return Object.fromEntries(counts) as Record<string, number>;
  };

  describe('security headers', () => {
    it.each([
      ['an open JSON answer', 'GET', '/.well-known/jwks.json', 200],
      ['a refusal', 'GET', '/v1/institutions/21PA/results/1', 401],
      ['a route that does not exist', 'GET', '/v1/nowhere', 404],
      ['the OpenAPI document', 'GET', '/docs-json', 200],
    ])('sends strict headers with %s', async (_name, method, path, status) => {
      const answer = await send(url, method, path);
      expect(answer.status).toBe(status);
      expect(Object.fromEntries(answer.headers)).toMatchObject({
        'content-security-policy': expect.stringContaining("default-src 'none'"),
        'strict-transport-security': expect.stringMatching(/^max-age=\d{7,}; includeSubDomains/),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-powered-by')).toBeNull();
    });

    it('lets the OpenAPI page load its own scripts and styles, and nothing from elsewhere', async () => {
      const answer = await send(url, 'GET', '/docs');
      expect(answer.status).toBe(200);
      const policy = answer.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/script-src[^;]*unsafe/);
      expect(answer.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    });
  });

  describe('NoSQL operator injection', () => {
    const resultPath = () => `/v1/institutions/21PA/results/${sequence}`;
    const inBody = (field: string, value: unknown, base: Record<string, unknown> = {}) =>
      JSON.stringify({ ...base, [field]: value });

    it('refuses operators in every JSON body field with a 4xx, storing and publishing nothing', async () => {
      const before = await stored();
      const eventsBefore = events.length;
      const attempts: [string, string, string | undefined, string][] = [];
      for (const operator of OPERATORS) {
        const registration = aRegistration('21PA');
        for (const field of ['institutionCode', 'resultSequence', 'person', 'examDate']) {
          attempts.push([
            'POST',
            '/v1/institutions/21PA/results',
            institution,
            inBody(field, operator, registration),
          ]);
        }
        attempts.push(
          ['PATCH', resultPath(), institution, inBody('studyMode', operator)],
          ['PATCH', resultPath(), institution, inBody('person', { bsn: operator })],
          ['DELETE', resultPath(), institution, inBody('reason', operator)],
          [
            'DELETE',
            resultPath(),
            institution,
            inBody('acknowledgeIrreversible', operator, { reason: 'duplicate' }),
          ],
          ['POST', `${resultPath()}/fraud-reports`, institution, inBody('explanation', operator)],
          [
            'POST',
            `/v1/helpdesk/fraud-reports/21PA-${sequence}/decision`,
            helpdesk,
            inBody('decision', operator, { explanation: 'x' }),
          ],
          ['POST', '/v1/extracts/verify', undefined, inBody('credential', operator)],
          ['POST', '/v1/replays', ops, inBody('queue', operator)],
        );
      }
      attempts.push(
        [
          'POST',
          '/v1/institutions/21PA/results',
          institution,
          JSON.stringify({ ...aRegistration('21PA'), $where: '1' }),
        ],
        ['PATCH', resultPath(), institution, JSON.stringify({ $set: { studyMode: 'dual' } })],
        ['DELETE', resultPath(), institution, JSON.stringify({ $or: [{ reason: 'duplicate' }] })],
      );
      for (const [method, path, token, body] of attempts) {
        const answer = await send(url, method, path, { token, body });
        expect({ method, path, body, refused: clientError(answer.status) }).toEqual({
          method,
          path,
          body,
          refused: true,
        });
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.text).not.toContain(`21PA-${sequence}"`);
      }
      expect(await stored()).toEqual(before);
      expect(events.length).toBe(eventsBefore);
      const result = await send(url, 'GET', resultPath(), { token: institution });
      expect(JSON.parse(result.text)).toMatchObject({ status: 'registered', history: [{}] });
    });

    it('refuses operators in path parameters, answering no one else’s data', async () => {
      const other = await issuer.token({ roles: ['institution'], institutionCode: '22XY' });
      const paths = [
        '/v1/institutions/%7B%22%24ne%22%3Anull%7D/results/1',
        `/v1/institutions/21PA/results/%7B%22%24ne%22%3Anull%7D`,
        `/v1/institutions/21PA/results/%24where`,
        `/v1/institutions/21PA/results/.*`,
        `/v1/institutions/21PA/results/%5B%24ne%5D`,
        `/v1/institutions/22XY/results/${sequence}%20%7C%7C%201%3D%3D1`,
      ];
      for (const path of paths) {
        for (const token of [institution, other]) {
          const answer = await send(url, 'GET', path, { token });
          expect({ path, refused: clientError(answer.status) }).toEqual({ path, refused: true });
          expect(answer.text).not.toContain('"person"');
        }
      }
      for (const resultId of ['%7B%22%24ne%22%3Anull%7D', '%24gt', `21PA-${sequence}.*`]) {
        const issue = await send(url, 'POST', `/v1/me/results/${resultId}/extracts`, {
          token: student,
        });
        expect({ resultId, refused: clientError(issue.status) }).toEqual({
          resultId,
          refused: true,
        });
      }
    });

    it('refuses operator-like query names with 400, and a student still sees only their own results', async () => {
      await send(url, 'POST', '/v1/institutions/21PA/results', {
        token: institution,
        body: JSON.stringify(aRegistration('21PA')),
      });
      for (const query of ['?person[$ne]=x', '?subject[$ne]=x', '?bsn[$gt]=', '?$where=1']) {
        const answer = await send(url, 'GET', `/v1/me/results${query}`, { token: student });
        expect({ query, status: answer.status }).toEqual({ query, status: 400 });
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.text).not.toContain('"person"');
      }
      // Operators as values are plain text, and the token alone says whose results these are.
      const plain = await send(url, 'GET', '/v1/me/results?person=%7B%22%24ne%22%3Anull%7D', {
        token: student,
      });
      expect(plain.status).toBe(200);
      expect(JSON.parse(plain.text)).toEqual([
        expect.objectContaining({ resultId: `21PA-${sequence}` }),
      ]);
    });

    it('rejects commands over the broker with operators in their fields, changing no result', async () => {
      const before = await stored();
      const eventsBefore = events.length;
      const replies = await probe.replyQueue();
      const commands: [string, string, (operator: unknown) => Record<string, unknown>][] = [
        ['register-result', 'RegisterResult', (op) => ({ ...aRegistration('21PA'), person: op })],
        [
          'register-result',
          'RegisterResult',
          (op) => ({ ...aRegistration('21PA'), resultSequence: op }),
        ],
        [
          'correct-result',
          'CorrectResult',
          (op) => ({ institutionCode: '21PA', resultSequence: op, studyMode: 'dual' }),
        ],
        [
          'delete-result',
          'DeleteResult',
          (op) => ({ institutionCode: '21PA', resultSequence: sequence, reason: op }),
        ],
        [
          'report-fraud',
          'ReportFraud',
          (op) => ({ institutionCode: '21PA', resultSequence: sequence, explanation: op }),
        ],
      ];
      let sent = 0;
      for (const operator of OPERATORS) {
        for (const [key, type, body] of commands) {
          await probe.publishJson(
            Exchanges.registerCommands,
            RoutingKeys.command('21PA', key as 'register-result'),
            body(operator),
            { type, replyTo: replies.queue },
          );
          sent += 1;
        }
      }
      await eventually(() => (replies.messages.length >= sent ? true : undefined), {
        what: `${sent} replies`,
        timeoutMs: 30_000,
      });
      for (const reply of replies.messages) {
        expect(reply.body).toMatchObject({
          status: 'rejected',
          errors: [expect.objectContaining({ code: 'validation' })],
        });
      }
      expect((await stored()).results).toBe(before.results);
      expect(events.length).toBe(eventsBefore);
      const result = await send(url, 'GET', `/v1/institutions/21PA/results/${sequence}`, {
        token: institution,
      });
      expect(JSON.parse(result.text)).toMatchObject({ status: 'registered', history: [{}] });
    });

    it('rejects operators in batch lines, storing none of them', async () => {
      const before = await stored();
      const lines = OPERATORS.map((operator) =>
        JSON.stringify({ ...aRegistration('21PA'), person: { bsn: operator } }),
      ).join('\n');
      const answer = await send(url, 'POST', '/v1/institutions/21PA/results/batch', {
        token: institution,
        body: `${lines}\n`,
        type: 'application/x-ndjson',
      });
      expect(answer.status).toBe(200);
      const outcomes = answer.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(outcomes).toEqual([
        ...OPERATORS.map((_, i): unknown =>
          expect.objectContaining({ line: i + 1, status: 'rejected', resultId: null }),
        ),
        { summary: { lines: OPERATORS.length, accepted: 0, rejected: OPERATORS.length } },
      ]);
      expect(await stored()).toEqual(before);
    });
  });

  describe('request bodies over the limit', () => {
    const big = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes) });

    it.each([
      ['PATCH', '/v1/institutions/21PA/results/{sequence}', () => institution],
      ['DELETE', '/v1/institutions/21PA/results/{sequence}', () => institution],
      ['POST', '/v1/institutions/21PA/results/{sequence}/fraud-reports', () => institution],
      ['POST', '/v1/helpdesk/fraud-reports/21PA-{sequence}/decision', () => helpdesk],
      ['POST', '/v1/extracts/verify', () => undefined],
      ['POST', '/v1/replays', () => ops],
    ])('refuses %s %s over 64 KiB with 413 and a problem', async (method, path, token) => {
      const answer = await send(url, method, path.replace('{sequence}', sequence), {
        token: token(),
        body: big(65 * 1024),
      });
      expectProblem(answer, 413, 'payload-too-large');
    });
  });
});

describe('register: per-client rate limit (low limits)', () => {
  const WINDOW = 60;
  let issuer: TestIssuer;
  const apps: INestApplication[] = [];

  const start = async (overrides: Partial<RegisterConfig> = {}): Promise<string> => {
    const started = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
      RATE_LIMIT_WINDOW_SECONDS: WINDOW,
      RATE_LIMIT_CLIENT: 3,
      RATE_LIMIT_ANONYMOUS_READ: 4,
      RATE_LIMIT_ANONYMOUS_WRITE: 2,
      ...overrides,
    });
    apps.push(started.app);
    return started.url;
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await issuer?.dispose();
  });

  const statuses = async (count: number, call: () => Promise<Answer>): Promise<number[]> => {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1) seen.push((await call()).status);
    return seen;
  };

  it('answers an institution over its limit 429 with Retry-After and a problem, and no other institution', async () => {
    const url = await start();
    const token = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    const read = (t: string) =>
      send(url, 'GET', '/v1/institutions/21PA/results/NONE', { token: t });
    expect(await statuses(3, () => read(token))).toEqual([404, 404, 404]);
    const refused = await read(token);
    const problem = expectProblem(refused, 429, 'rate-limited');
    expect(problem.instance).toBe('/v1/institutions/21PA/results/NONE');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW);
    expect(refused.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    // The same institution with a fresh token is the same client; another is not.
    const fresh = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    expect((await read(fresh)).status).toBe(429);
    const other = await issuer.token({ roles: ['institution'], institutionCode: '22XY' });
    expect((await send(url, 'GET', '/v1/me/results', { token: other })).status).toBe(403);
  });

  it('counts a student by their token, one bucket across routes', async () => {
    const url = await start();
    const one = await issuer.token({ roles: ['student'], sub: '123456782' });
    const two = await issuer.token({ roles: ['student'], sub: '111222333' });
    const mine = (t: string) => send(url, 'GET', '/v1/me/results', { token: t });
    expect(await statuses(2, () => mine(one))).toEqual([200, 200]);
    expect((await send(url, 'POST', '/v1/me/results/21PA-X/extracts', { token: one })).status).toBe(
      404,
    );
    expect((await mine(one)).status).toBe(429);
    expect((await mine(two)).status).toBe(200);
  });

  it('counts requests without a valid token by address: forged tokens buy no fresh bucket', async () => {
    const url = await start();
    const claims = { roles: ['institution'], institutionCode: '21PA' };
    const verify = async (token?: string) =>
      send(url, 'POST', '/v1/extracts/verify', {
        token,
        body: JSON.stringify({ credential: 'a.b.c' }),
      });
    expect((await verify()).status).toBe(200);
    expect((await verify(await issuer.forgedToken(claims))).status).toBe(200);
    expect((await verify(await issuer.forgedToken({ ...claims, sub: 'another' }))).status).toBe(
      429,
    );
    expect((await verify(issuer.unsignedToken(claims))).status).toBe(429);
    // Reads have their own, looser, limit.
    const jwks = () => send(url, 'GET', '/.well-known/jwks.json');
    expect(await statuses(5, jwks)).toEqual([200, 200, 200, 200, 429]);
  });

  it('exempts health and metrics', async () => {
    const url = await start({ RATE_LIMIT_ANONYMOUS_READ: 1 });
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      expect(await statuses(4, () => send(url, 'GET', path))).toEqual([200, 200, 200, 200]);
    }
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const direct = await start();
    const behindProxy = await start({ HTTP_TRUST_PROXY: 'loopback' });
    const jwks = (base: string, client: string) =>
      send(base, 'GET', '/.well-known/jwks.json', { headers: { 'x-forwarded-for': client } });
    // Not trusted: every claimed address is the same client, the socket's.
    const claimed = [
      '198.51.100.1',
      '198.51.100.2',
      '198.51.100.3',
      '198.51.100.4',
      '198.51.100.5',
    ];
    const spoofed: number[] = [];
    for (const client of claimed) spoofed.push((await jwks(direct, client)).status);
    expect(spoofed).toEqual([200, 200, 200, 200, 429]);
    // Trusted (the proxy is on loopback): each forwarded address is a client of its own.
    expect(await statuses(4, () => jwks(behindProxy, '198.51.100.1'))).toEqual([
      200, 200, 200, 200,
    ]);
    expect((await jwks(behindProxy, '198.51.100.1')).status).toBe(429);
    expect((await jwks(behindProxy, '198.51.100.2')).status).toBe(200);
  });
});
