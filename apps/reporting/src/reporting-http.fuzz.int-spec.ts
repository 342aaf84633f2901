import type { INestApplication } from '@nestjs/common';
import type { FuzzAnswer } from '@rod/testing';
import {
  TestIssuer,
  bodyText,
  contentType,
  expectClearAnswer,
  fuzzRequest,
  fuzzRunOptions,
  pathParam,
  queryString,
  startInProcess,
  testMongoUrl,
} from '@rod/testing';
import fc from 'fast-check';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';
import { ReportingConfig } from './config/reporting.config';
import { isPeriod } from './overviews/domain/periods';
import { reportingService } from './reporting.service';

/**
 * Fuzz of reporting's API (issue 8): random periods, institution codes, query strings,
 * Accept headers and bodies, with ops and institution tokens. Every answer is clear
 * (never a 5xx), the service stays ready, and an overview is stored only by a build of
 * a real period.
 */
const options = fuzzRunOptions();
const RUNS = options.numRuns;

const period = fc.oneof(
  fc.constantFrom('2026-05', '2026-11', '2025-11'),
  fc.stringMatching(/^[0-9]{4}-(0[0-9]|1[0-2])$/),
  pathParam,
);
const code = fc.oneof(fc.constantFrom('21PA', '99ZZ'), pathParam);
const accept = fc.constantFrom(
  'application/json',
  'text/csv',
  'text/html',
  '*/*',
  'application/xml',
  'text/csv;q=0.1, application/json;q=0.2',
  '',
);

describe('reporting: fuzz of the overviews API (real broker and database)', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let url: string;
  let database: Connection;
  let tokens: Record<'ops' | 'institution', string>;

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    const started = await startInProcess(reportingService, ReportingConfig, {
      ...(issuer.env() as Partial<ReportingConfig>),
      REPORTING_BUILD_SCHEDULE: false,
      // Thousands of requests from one client: the rate limit is not what is tested here.
      RATE_LIMIT_CLIENT: 1_000_000,
      RATE_LIMIT_ANONYMOUS_READ: 1_000_000,
      RATE_LIMIT_ANONYMOUS_WRITE: 1_000_000,
    });
    ({ app, url } = started);
    database = await createConnection(testMongoUrl(), {
      dbName: String(started.config.MONGO_DB),
    }).asPromise();
    tokens = {
      ops: await issuer.token({ roles: ['ops'], sub: 'ops-1' }),
      institution: await issuer.token({ roles: ['institution'], institutionCode: '21PA' }),
    };
  });

  afterAll(async () => {
    await database?.close();
    await app?.close();
    await issuer?.dispose();
  });

  afterEach(async () => {
    expect((await send('GET', '/health/ready', 'ops')).status).toBe(200);
  });

  const send = (
    method: string,
    path: string,
    role: keyof typeof tokens,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<FuzzAnswer> =>
    fuzzRequest(
      `${url}${path}`,
      method,
      { authorization: `Bearer ${tokens[role]}`, ...headers },
      body,
    );
  const overviews = () => database.db!.collection('overviews').countDocuments();

  it(`GET overviews and overview pages: ${RUNS} random periods, codes, queries and Accept headers`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          (_p: string, _c: string) => `/v1/overviews`,
          (p: string, _c: string) => `/v1/overviews/${p}`,
          (p: string, c: string) => `/v1/overviews/${p}/institutions/${c}`,
          (p: string, c: string) => `/overviews/${p}/institutions/${c}`,
        ),
        period,
        code,
        queryString,
        accept,
        fc.constantFrom<'ops' | 'institution'>('ops', 'institution'),
        async (pathOf, p, c, query, type, role) => {
          const path = `${pathOf(p, c)}${query}`;
          const answer = await send('GET', path, role, type ? { accept: type } : {});
          expectClearAnswer(answer, `GET ${path} (${type || 'no Accept'}, ${role})`);
        },
      ),
      options,
    );
  });

  it(`POST /v1/overviews/{period}/build: ${RUNS} random periods and bodies store only real periods`, async () => {
    const before = await overviews();
    const built = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        period,
        bodyText({ reason: 'rebuild' }),
        contentType,
        async (p, body, type) => {
          const path = `/v1/overviews/${p}/build`;
          const answer = await send(
            'POST',
            path,
            'ops',
            type ? { 'content-type': type } : {},
            body,
          );
          expectClearAnswer(answer, `POST ${path}`);
          if (answer.status >= 200 && answer.status < 300) {
            expect(isPeriod(decodeURIComponent(p))).toBe(true);
            built.add(decodeURIComponent(p));
          }
        },
      ),
      options,
    );
    // Building a period stores its overview; nothing else is stored.
    expect((await overviews()) - before).toBeLessThanOrEqual(built.size);
  });
});
