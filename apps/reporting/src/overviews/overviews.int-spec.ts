import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import { Exchanges, Queues } from '@rod/contracts';
import { parse } from 'csv-parse/sync';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
} from '@rod/testing';
import { ReportingConfig } from '../config/reporting.config';
import { reportingService } from '../reporting.service';
import type { BuiltOverviews, InstitutionOverview } from './domain/overview';
import { OverviewBuilder } from './domain/overview-builder';
import { periodNamed } from './domain/periods';
import {
  FIXTURE_PERIOD,
  overviewFixtureEvents,
  overviewFixtureInputs,
} from './domain/testing/overview-fixture';

/** Where the fixture's events also land, with no service of theirs running in this test. */
const QUEUES_OF_SERVICES_NOT_STARTED = [
  Queues.propagationResultEvents,
  Queues.registerExtractStatus,
  Queues.helpdeskFraudReports,
];

/** A seeded shuffle, so a failure can be reproduced. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const withoutGeneratedAt = ({ generatedAt: _g, ...rest }: { generatedAt: string }) => rest;

describe('reporting: the overviews built from events (real broker and database)', () => {
  let app: INestApplication;
  let url: string;
  let probe: BrokerProbe;
  let issuer: TestIssuer;
  let ops: string;
  const published: CapturedMessage[] = [];
  const fixture = overviewFixtureEvents();
  /** What the builder makes of the fixture applied in order, once: the expected overviews. */
  let expected: BuiltOverviews;

  const get = async (path: string, token: string | null, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };
  const post = async (path: string, token: string) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const institutionToken = (code: string) =>
    issuer.token({ roles: ['institution'], institutionCode: code });

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ({ app, url } = await startInProcess(reportingService, ReportingConfig, {
      ...issuer.env(),
      REPORTING_BUILD_SCHEDULE: false,
    }));
    ops = await issuer.token({ roles: ['ops'] });
    probe = await BrokerProbe.connect(testAmqpUrl());
    await probe.capture(Exchanges.reportingEvents, '#', published);

    const { results, flags } = overviewFixtureInputs(fixture);
    const builder = new OverviewBuilder(periodNamed(FIXTURE_PERIOD)!);
    for (const [resultId, facts] of results) builder.addResult(resultId, facts);
    for (const flag of flags) builder.addFlag(flag);
    expected = builder.build({ generatedAt: new Date(0).toISOString(), preview: false });

    // Every event once, a tenth of them twice, all in a shuffled order: results' events
    // overtake each other, flags arrive before the deletions they follow.
    const events: EventEnvelope[] = [...fixture.results.flatMap((r) => r.events), ...fixture.flags];
    const messages = shuffled([...events, ...events.filter((_, i) => i % 10 === 0)], 20261128);
    for (const event of messages) await probe.publishEvent(event);
  });

  afterAll(async () => {
    if (probe) await probe.purgeAll(QUEUES_OF_SERVICES_NOT_STARTED);
    await probe?.close();
    await app?.close();
    await issuer?.dispose();
  });

  it('builds the fixture into the same overviews as the events applied in order, once', async () => {
    const want = JSON.stringify(withoutGeneratedAt(expected.national));
    let seen = '';
    await eventually(
      async () => {
        expect((await post(`/v1/overviews/${FIXTURE_PERIOD}/build`, ops)).status).toBe(201);
        const body = JSON.parse((await get(`/v1/overviews/${FIXTURE_PERIOD}`, ops)).text) as {
          generatedAt: string;
          revision?: number;
          previousVersion?: unknown;
        };
        delete body.revision;
        delete body.previousVersion;
        seen = JSON.stringify(withoutGeneratedAt(body));
        return seen === want ? true : undefined;
      },
      { what: 'every fixture event in the read model', timeoutMs: 60_000, intervalMs: 500 },
    ).catch((error: Error) => {
      expect(JSON.parse(seen)).toEqual(JSON.parse(want)); // shows the difference
      throw error;
    });

    for (const overview of expected.institutions) {
      const answer = await get(
        `/v1/overviews/${FIXTURE_PERIOD}/institutions/${overview.institutionCode}`,
        ops,
      );
      expect(answer.status).toBe(200);
      expect(withoutGeneratedAt(JSON.parse(answer.text) as InstitutionOverview)).toEqual(
        withoutGeneratedAt(overview),
      );
    }
    // No personal number reaches reporting's answers.
    const all = await get(`/v1/overviews/${FIXTURE_PERIOD}/institutions/21PA`, ops);
    for (const result of fixture.results.slice(0, 20)) {
      const { bsn } = (result.events[0].data as { person: { bsn: string } }).person;
      expect(all.text).not.toContain(bsn);
    }
  });

  it('publishes OverviewPublished for the ended period, by the contract', async () => {
    const event = await eventually(
      () => published.find((m) => (m.body as EventEnvelope).type === 'OverviewPublished'),
      { what: 'OverviewPublished' },
    );
    expect((event.body as EventEnvelope).data).toMatchObject({
      period: FIXTURE_PERIOD,
      from: '2026-05-01',
      to: '2026-11-01',
      institutions: expected.institutions.length,
    });
    expectAllKeepTheContract(published);
  });

  it('rebuilds byte for byte apart from generatedAt, keeping the previous version totals', async () => {
    const path = `/v1/overviews/${FIXTURE_PERIOD}/institutions/21PA`;
    const before = (await get(path, ops)).text;
    const [first] = JSON.parse((await get('/v1/overviews', ops)).text) as { revision: number }[];
    const answer = await post(`/v1/overviews/${FIXTURE_PERIOD}/build`, ops);
    expect(answer.status).toBe(201);
    const summary = (await answer.json()) as { revision: number; preview: boolean };
    expect(summary).toMatchObject({ revision: first.revision + 1, preview: false });
    const after = (await get(path, ops)).text;
    const stamp = /"generatedAt":"[^"]+"/;
    expect(after.replace(stamp, '')).toBe(before.replace(stamp, ''));
    expect(after).not.toBe(before);

    const national = JSON.parse((await get(`/v1/overviews/${FIXTURE_PERIOD}`, ops)).text) as {
      revision: number;
      previousVersion: {
        revision: number;
        registered: number;
        deleted: number;
        institutions: unknown[];
      };
    };
    expect(national.revision).toBe(first.revision + 1);
    expect(national.previousVersion).toMatchObject({
      revision: first.revision,
      registered: expected.national.registered,
      deleted: expected.national.deleted,
    });
    expect(national.previousVersion.institutions).toHaveLength(expected.institutions.length);
  });

  it('answers CSV that a CSV library reads back into the deleted results', async () => {
    const overview = expected.institutions.find((i) => i.institutionCode === '21PA')!;
    for (const request of [{ accept: 'text/csv' }, { query: '?format=csv' }]) {
      const answer = await get(
        `/v1/overviews/${FIXTURE_PERIOD}/institutions/21PA${request.query ?? ''}`,
        await institutionToken('21PA'),
        request.accept ? { accept: request.accept } : {},
      );
      expect(answer.status).toBe(200);
      expect(answer.type).toMatch(/^text\/csv/);
      const rows = parse<Record<string, string>>(answer.text, { columns: true });
      expect(rows.map((r) => r.resultId)).toEqual(overview.deletedResults.map((d) => d.resultId));
      expect(rows.map((r) => r.reason)).toEqual(overview.deletedResults.map((d) => d.reason));
      expect(rows.map((r) => r.irreversiblePartners)).toEqual(
        overview.deletedResults.map((d) => d.irreversiblePartners.join(';')),
      );
    }
  });

  it('lets an institution read only its own overviews, and ops everything', async () => {
    const own = await institutionToken('21PA');
    expect((await get(`/v1/overviews/${FIXTURE_PERIOD}/institutions/21PA`, own)).status).toBe(200);
    expect((await get(`/overviews/${FIXTURE_PERIOD}/institutions/21PA`, own)).status).toBe(200);
    for (const path of [
      `/v1/overviews/${FIXTURE_PERIOD}/institutions/23AH`,
      `/overviews/${FIXTURE_PERIOD}/institutions/23AH`,
      `/v1/overviews/${FIXTURE_PERIOD}/institutions/23AH?format=csv`,
      `/v1/overviews/${FIXTURE_PERIOD}`,
    ]) {
      const refused = await get(path, own);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.text).not.toContain('23AH-');
    }
    expect((await post(`/v1/overviews/${FIXTURE_PERIOD}/build`, own)).status).toBe(403);
    expect((await get(`/v1/overviews/${FIXTURE_PERIOD}/institutions/21PA`, null)).status).toBe(401);
    const student = await issuer.token({ roles: ['student'], sub: '123456782' });
    expect((await get('/v1/overviews', student)).status).toBe(403);

    const listed = JSON.parse((await get('/v1/overviews', own)).text) as { period: string }[];
    expect(listed.map((p) => p.period)).toEqual([FIXTURE_PERIOD]);
    const stranger = await institutionToken('99ZZ');
    expect(JSON.parse((await get('/v1/overviews', stranger)).text)).toEqual([]);
  });

  it('answers clear errors for periods that are not built, not periods, or not started', async () => {
    expect((await get('/v1/overviews/2025-11', ops)).status).toBe(404);
    expect((await get('/v1/overviews/2026-07', ops)).status).toBe(400);
    expect((await get(`/v1/overviews/${FIXTURE_PERIOD}/institutions/99ZZ`, ops)).status).toBe(404);
    expect((await get(`/v1/overviews/${FIXTURE_PERIOD}/institutions/nope`, ops)).status).toBe(400);
    const future = await post('/v1/overviews/2099-05/build', ops);
    expect(future.status).toBe(409);
    expect(future.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('builds a period that has not ended as a preview, and does not publish it', async () => {
    const today = new Date();
    const current = [
      `${today.getUTCFullYear()}-11`,
      `${today.getUTCFullYear() + 1}-05`,
      `${today.getUTCFullYear()}-05`,
    ]
      .map((name) => periodNamed(name)!)
      .find((p) => p.fromInstant <= today.getTime() && today.getTime() < p.toInstant)!;
    const answer = await post(`/v1/overviews/${current.period}/build`, ops);
    expect(answer.status).toBe(201);
    expect(await answer.json()).toMatchObject({ period: current.period, preview: true });
    const overview = JSON.parse(
      (await get(`/v1/overviews/${current.period}/institutions/21PA`, ops)).text,
    ) as InstitutionOverview;
    expect(overview.preview).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      published.filter(
        (m) => ((m.body as EventEnvelope).data as { period?: string }).period === current.period,
      ),
    ).toEqual([]);
  });

  it('describes its HTTP API at /docs-json, OverviewPublished among the contract classes', async () => {
    const document = JSON.parse((await get('/docs-json', null)).text) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(
      Object.fromEntries(
        Object.entries(document.paths)
          .filter(([path]) => path.includes('overviews'))
          .map(([path, methods]) => [path, Object.keys(methods)]),
      ),
    ).toEqual({
      '/v1/overviews': ['get'],
      '/v1/overviews/{period}': ['get'],
      '/v1/overviews/{period}/institutions/{code}': ['get'],
      '/v1/overviews/{period}/build': ['post'],
      '/overviews/{period}/institutions/{code}': ['get'],
    });
    expect(document.components.schemas).toHaveProperty('OverviewPublishedDataV1');
  });
});
