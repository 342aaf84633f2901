import type { INestApplication } from '@nestjs/common';
import { Queues, RegisterResultV1, validateMessage } from '@rod/contracts';
import type { FuzzAnswer } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  bodyText,
  contentType,
  expectClearAnswer,
  fuzzRequest,
  fuzzRunOptions,
  jsonText,
  mutatedText,
  pathParam,
  queryString,
  startInProcess,
  testAmqpUrl,
  testMongoUrl,
} from '@rod/testing';
import fc from 'fast-check';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';
import { RegisterConfig } from './config/register.config';
import { registerService } from './register.service';

/**
 * Fuzz of the register's HTTP API (issue 8): random and malformed bodies, content types,
 * path parameters and query strings, each sent with a valid token of the endpoint's role.
 * Every answer is a 4xx problem document, or a 2xx where the input happens to be valid;
 * never a 5xx; the service stays ready; nothing is stored from invalid input.
 * Seeded: FUZZ_SEED=<n> replays a run; a failure prints its seed and counterexample.
 */
const options = fuzzRunOptions();
const RUNS = options.numRuns;
describe('register: fuzz of the HTTP API (real broker and database)', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let url: string;
  let database: Connection;
  let probe: BrokerProbe;
  let tokens: Record<'institution' | 'helpdesk' | 'student' | 'ops', string>;
  let sequence: string;

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    const started = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
      // Thousands of requests from one client: the rate limit is not what is tested here.
      RATE_LIMIT_CLIENT: 1_000_000,
      RATE_LIMIT_ANONYMOUS_READ: 1_000_000,
      RATE_LIMIT_ANONYMOUS_WRITE: 1_000_000,
    });
    ({ app, url } = started);
    database = await createConnection(testMongoUrl(), {
      dbName: String(started.config.MONGO_DB),
    }).asPromise();
    probe = await BrokerProbe.connect(testAmqpUrl());
    const registration = aRegistration('21PA');
    sequence = String(registration.resultSequence);
    tokens = {
      institution: await issuer.token({ roles: ['institution'], institutionCode: '21PA' }),
      helpdesk: await issuer.token({ roles: ['helpdesk'], sub: 'desk-1' }),
      student: await issuer.token({
        roles: ['student'],
        sub: (registration.person as { bsn: string }).bsn,
      }),
      ops: await issuer.token({ roles: ['ops'], sub: 'ops-1' }),
    };
    const answer = await send('POST', '/v1/institutions/21PA/results', 'institution', {
      body: JSON.stringify(registration),
      type: 'application/json',
    });
    expect(answer.status).toBe(201);
  });

  afterAll(async () => {
    // The events of the valid inputs collect in the other services' queues of this vhost.
    await probe
      ?.purgeAll([Queues.propagationResultEvents, Queues.reportingResultEvents])
      .catch(() => undefined);
    await probe?.close();
    await database?.close();
    await app?.close();
    await issuer?.dispose();
  });

  const send = (
    method: string,
    path: string,
    role: keyof typeof tokens | null,
    request: { body?: string; type?: string } = {},
  ): Promise<FuzzAnswer> =>
    fuzzRequest(
      `${url}${path}`,
      method,
      {
        ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}),
        ...(request.type ? { 'content-type': request.type } : {}),
      },
      request.body,
    );

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

  const isValidRegistration = (text: string): boolean => {
    try {
      return validateMessage(RegisterResultV1, JSON.parse(text)).ok;
    } catch {
      return false;
    }
  };

  afterEach(async () => {
    const ready = await send('GET', '/health/ready', null);
    expect(ready.status).toBe(200);
  });

  it(`POST /v1/institutions/{code}/results: ${RUNS} random bodies, stored only when valid`, async () => {
    const before = await stored();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bodyText(aRegistration('21PA')), contentType, async (body, type) => {
        const answer = await send('POST', '/v1/institutions/21PA/results', 'institution', {
          body,
          type,
        });
        expectClearAnswer(answer, `POST results with ${type ?? 'no type'}`);
        if (answer.status < 400) {
          expect(isValidRegistration(body)).toBe(true);
          created += 1;
        }
      }),
      options,
    );
    const after = await stored();
    expect(after.results ?? 0).toBe((before.results ?? 0) + created);
  });

  it.each([
    ['PATCH', '', { studyMode: 'dual' }],
    ['DELETE', '', { reason: 'duplicate' }],
    ['POST', '/fraud-reports', { explanation: 'plagiarism' }],
  ] as const)(
    `%s /v1/institutions/{code}/results/{sequence}%s: ${RUNS} random bodies and paths change nothing invalid`,
    async (method, suffix, valid) => {
      const before = await stored();
      const original = await database
        .db!.collection('results')
        .findOne({ _id: `21PA-${sequence}` as never });
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          bodyText(valid),
          contentType,
          fc.oneof(fc.constant(sequence), pathParam),
          fc.constantFrom('21PA', '21PA', '99ZZ', '21pa'),
          async (body, type, seq, code) => {
            const path = `/v1/institutions/${code}/results/${seq}${suffix}`;
            const answer = await send(method, path, 'institution', { body, type });
            expectClearAnswer(answer, `${method} ${path}`);
            if (answer.status < 400) accepted += 1;
          },
        ),
        options,
      );
      const after = await stored();
      expect(after.results).toBe(before.results);
      const now = await database
        .db!.collection('results')
        .findOne({ _id: `21PA-${sequence}` as never });
      // Every change of the stored result came from an accepted (valid) command.
      expect(Number(now?.sequence) - Number(original?.sequence)).toBeLessThanOrEqual(accepted);
    },
  );

  it(`POST /v1/helpdesk/fraud-reports/{resultId}/decision: ${RUNS} random bodies and ids`, async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(
        bodyText({ decision: 'dismiss', explanation: 'checked' }),
        contentType,
        fc.oneof(fc.constant(`21PA-${sequence}`), pathParam),
        async (body, type, resultId) => {
          const path = `/v1/helpdesk/fraud-reports/${resultId}/decision`;
          const answer = await send('POST', path, 'helpdesk', { body, type });
          expectClearAnswer(answer, `POST ${path}`);
        },
      ),
      options,
    );
    expect((await stored()).results).toBe(before.results);
  });

  it(`POST /v1/extracts/verify, /v1/me/results/{id}/extracts and /v1/replays: ${RUNS} random inputs`, async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          { path: () => '/v1/extracts/verify', role: null, valid: { credential: 'a.b.c' } },
          {
            path: (p: string) => `/v1/me/results/${p}/extracts`,
            role: 'student' as const,
            valid: {},
          },
          { path: () => '/v1/replays', role: 'ops' as const, valid: { queue: 'no-such-queue' } },
        ),
        pathParam,
        contentType,
        fc.nat(),
        async (endpoint, param, type, pick) => {
          const body = fc.sample(bodyText(endpoint.valid), { seed: pick, numRuns: 1 })[0];
          const path = endpoint.path(param);
          const answer = await send('POST', path, endpoint.role, { body, type });
          expectClearAnswer(answer, `POST ${path}`);
        },
      ),
      options,
    );
    const after = await stored();
    expect(after.results).toBe(before.results);
    expect(after.extracts ?? 0).toBe(before.extracts ?? 0);
  });

  it(`POST /v1/institutions/{code}/results/batch: ${RUNS} random batches, stored only what is accepted`, async () => {
    const before = await stored();
    let accepted = 0;
    const line = fc.oneof(
      mutatedText(aRegistration('21PA')),
      jsonText,
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constant('institutionCode,resultSequence,bsn'),
      fc.constant('21PA,1,"unterminated'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.constantFrom('application/x-ndjson', 'text/csv', 'text/plain', undefined),
        async (lines, separator, type) => {
          const answer = await send('POST', '/v1/institutions/21PA/results/batch', 'institution', {
            body: lines.join(separator),
            type,
          });
          expectClearAnswer(answer, `POST batch with ${type ?? 'no type'}`);
          if (answer.status < 400) {
            for (const outcome of answer.text.split('\n').filter(Boolean)) {
              const parsed = JSON.parse(outcome) as { status?: string; line?: number };
              if (parsed.line !== undefined && parsed.status === 'accepted') accepted += 1;
            }
          }
        },
      ),
      options,
    );
    expect((await stored()).results).toBe(before.results + accepted);
  });

  it(`GET endpoints: ${RUNS} random path parameters and query strings`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          {
            path: (p: string) => `/v1/institutions/21PA/results/${p}`,
            role: 'institution' as const,
          },
          {
            path: (p: string) => `/v1/institutions/${p}/results/${sequence}/deletion-impact`,
            role: 'institution' as const,
          },
          { path: () => '/v1/me/results', role: 'student' as const },
          { path: () => '/v1/helpdesk/fraud-reports', role: 'helpdesk' as const },
          { path: (p: string) => `/v1/status-lists/${p}`, role: null },
          { path: () => '/.well-known/jwks.json', role: null },
        ),
        pathParam,
        queryString,
        async (endpoint, param, query) => {
          const path = `${endpoint.path(param)}${query}`;
          expectClearAnswer(await send('GET', path, endpoint.role), `GET ${path}`);
        },
      ),
      options,
    );
  });
});
