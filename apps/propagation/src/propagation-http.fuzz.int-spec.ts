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
import { PropagationConfig } from './config/propagation.config';
import { propagationService } from './propagation.service';

/**
 * Fuzz of propagation's operations API (issue 8): random path parameters, query strings
 * (operator objects such as `status[$ne]=x` among them) and bodies, with an ops token.
 * Every answer is clear (never a 5xx), the service stays ready, the ledger unchanged.
 */
const options = fuzzRunOptions();
const RUNS = options.numRuns;

const QUERY_FILTERS = fc.oneof(
  queryString,
  fc
    .tuple(
      fc.constantFrom('resultId', 'partnerId', 'status', 'institutionCode', 'from', 'to', 'limit'),
      fc.oneof(
        fc.constantFrom('[$ne]=', '[$gt]=', '[]=', '=', '[0]=', '[$regex]=.*&x'),
        fc.constant('='),
      ),
      fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('-1', '1e9', 'NaN', '2026-13-45')),
    )
    .map(([name, op, value]) => `?${name}${op}${encodeURIComponent(value)}`),
);

describe('propagation: fuzz of the operations API (real broker and database)', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let url: string;
  let database: Connection;
  let ops: string;

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    const started = await startInProcess(propagationService, PropagationConfig, {
      ...(issuer.env() as Partial<PropagationConfig>),
      // Thousands of requests from one client: the rate limit is not what is tested here.
      RATE_LIMIT_CLIENT: 1_000_000,
      RATE_LIMIT_ANONYMOUS_READ: 1_000_000,
      RATE_LIMIT_ANONYMOUS_WRITE: 1_000_000,
    });
    ({ app, url } = started);
    database = await createConnection(testMongoUrl(), {
      dbName: String(started.config.MONGO_DB),
    }).asPromise();
    ops = await issuer.token({ roles: ['ops'], sub: 'ops-1' });
  });

  afterAll(async () => {
    await database?.close();
    await app?.close();
    await issuer?.dispose();
  });

  afterEach(async () => {
    expect((await send('GET', '/health/ready')).status).toBe(200);
  });

  const send = (
    method: string,
    path: string,
    request: { body?: string; type?: string } = {},
  ): Promise<FuzzAnswer> =>
    fuzzRequest(
      `${url}${path}`,
      method,
      {
        authorization: `Bearer ${ops}`,
        ...(request.type ? { 'content-type': request.type } : {}),
      },
      request.body,
    );
  const ledgerSize = () => database.db!.collection('results').countDocuments();

  it(`GET /v1/partners, /v1/deliveries, /v1/irreversible-deliveries: ${RUNS} random query strings`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/partners', '/v1/deliveries', '/v1/irreversible-deliveries'),
        QUERY_FILTERS,
        async (path, query) => {
          expectClearAnswer(await send('GET', `${path}${query}`), `GET ${path}${query}`);
        },
      ),
      options,
    );
  });

  it(`POST /v1/deliveries/{deliveryId}/retry: ${RUNS} random ids and bodies change nothing`, async () => {
    const before = await ledgerSize();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(pathParam, fc.uuid()),
        bodyText({ reason: 'operations' }),
        contentType,
        async (deliveryId, body, type) => {
          const path = `/v1/deliveries/${deliveryId}/retry`;
          const answer = await send('POST', path, { body, type });
          expectClearAnswer(answer, `POST ${path}`);
          // No delivery exists: nothing can be retried.
          expect(answer.status >= 200 && answer.status < 300).toBe(false);
        },
      ),
      options,
    );
    expect(await ledgerSize()).toBe(before);
  });
});
