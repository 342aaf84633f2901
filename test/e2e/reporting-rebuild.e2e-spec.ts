import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Queues, amsterdamToday } from '@rod/contracts';
import type { RunningService } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  startServiceProcess,
  stopServiceProcess,
  testAmqpUrl,
  testMongoUrl,
  uniqueName,
} from '@rod/testing';

/** A healthcare programme: CIBG (cannot retract) receives it, and so does MijnOverheid. */
const NURSING = { crohoCode: '34560', level: 'HBO', examType: 'bachelor' };
const repoRoot = resolve(__dirname, '../..');

interface Figures {
  registered: number;
  deleted: number;
  fraudReports: number;
  irreversibleDeliveries: Record<string, number>;
}

/**
 * Reporting's database is lost: `npm run reporting:rebuild` asks the register to replay its
 * history, takes the irreversible deliveries from propagation, and builds the overviews
 * again, the same as before.
 */
describe('reporting rebuilt from the register history (all three services as processes)', () => {
  let issuer: TestIssuer;
  let register: RunningService;
  let propagation: RunningService;
  let reporting: RunningService;
  let rebuilt: RunningService | undefined;
  let ops: string;
  const institutions = ['21PA', '30XY'];

  const call = async (
    base: string,
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  beforeAll(async () => {
    // The e2e tests share a vhost: results of earlier tests may wait in these queues, and
    // would count in this test's national figures (but not in the register's replay).
    const probe = await BrokerProbe.connect(testAmqpUrl());
    for (const queue of [
      Queues.reportingResultEvents,
      Queues.reportingPropagationEvents,
      Queues.propagationResultEvents,
    ]) {
      await probe.purgeIfExists(queue);
    }
    await probe.close();
    issuer = await TestIssuer.create();
    [register, propagation, reporting] = await Promise.all([
      startServiceProcess('register', issuer.env()),
      startServiceProcess('propagation', issuer.env()),
      startServiceProcess('reporting', { ...issuer.env(), REPORTING_BUILD_SCHEDULE: 'false' }),
    ]);
    ops = await issuer.token({ roles: ['ops'] });
  });

  afterAll(async () => {
    for (const service of [register, propagation, reporting, rebuilt]) {
      if (service) await stopServiceProcess(service);
    }
    await issuer?.dispose();
  });

  /** Registers results, deletes some (healthcare ones after CIBG got them), reports a fraud. */
  async function actAsInstitutions(): Promise<{
    registered: number;
    deleted: number;
    flags: number;
  }> {
    let registered = 0;
    let deleted = 0;
    let flags = 0;
    for (const code of institutions) {
      const token = await issuer.token({ roles: ['institution'], institutionCode: code });
      const sequences: string[] = [];
      for (let i = 0; i < 8; i += 1) {
        const body = aRegistration(code, undefined, i % 2 === 0 ? { programme: NURSING } : {});
        expect(
          (await call(register.url, token, 'POST', `/v1/institutions/${code}/results`, body))
            .status,
        ).toBe(201);
        sequences.push(String(body.resultSequence));
        registered += 1;
      }
      // Wait until CIBG holds the healthcare ones, so their deletion is irreversible.
      await eventually(
        async () => {
          const impact = await call(
            register.url,
            token,
            'GET',
            `/v1/institutions/${code}/results/${sequences[0]}/deletion-impact`,
          );
          return (impact.body as { irreversible?: boolean }).irreversible ? true : undefined;
        },
        { what: 'CIBG holding a healthcare result', timeoutMs: 30_000 },
      );
      for (const [i, reason] of [
        [0, 'administrative-error'],
        [1, 'duplicate'],
        [3, 'student-request-extra-courses'],
      ] as const) {
        const answer = await call(
          register.url,
          token,
          'DELETE',
          `/v1/institutions/${code}/results/${sequences[i]}`,
          {
            reason,
            acknowledgeIrreversible: true,
          },
        );
        expect(answer.status).toBe(200);
        deleted += 1;
        if (i % 2 === 0) flags += 1;
      }
      const fraud = await call(
        register.url,
        token,
        'POST',
        `/v1/institutions/${code}/results/${sequences[5]}/fraud-reports`,
        {
          explanation: 'diploma looks forged',
        },
      );
      expect(fraud.status).toBe(201);
    }
    return { registered, deleted, flags };
  }

  const build = (service: RunningService, period: string) =>
    call(service.url, ops, 'POST', `/v1/overviews/${period}/build`);
  const national = async (service: RunningService, period: string) =>
    (await call(service.url, ops, 'GET', `/v1/overviews/${period}`)).body as Figures &
      Record<string, unknown>;
  const ofInstitution = async (service: RunningService, period: string, code: string) =>
    (await call(service.url, ops, 'GET', `/v1/overviews/${period}/institutions/${code}`))
      .body as Record<string, unknown>;
  const withoutBuildStamps = ({
    generatedAt: _g,
    revision: _r,
    previousVersion: _p,
    ...rest
  }: Record<string, unknown>) => rest;

  it('ends with the same overviews as before the database was lost', async () => {
    const expected = await actAsInstitutions();
    // The results were registered today: they count in the current period (a preview).
    const period = currentPeriod();
    const before = await eventually(
      async () => {
        expect((await build(reporting, period)).status).toBe(201);
        const figures = await national(reporting, period);
        const irreversible = Object.values(figures.irreversibleDeliveries).reduce(
          (a, b) => a + b,
          0,
        );
        return figures.registered === expected.registered &&
          figures.deleted === expected.deleted &&
          irreversible === expected.flags &&
          figures.fraudReports === institutions.length
          ? figures
          : undefined;
      },
      {
        what: 'reporting to count every result, deletion, fraud report and irreversible delivery',
        timeoutMs: 60_000,
        intervalMs: 1_000,
      },
    );
    const beforeInstitutions = await Promise.all(
      institutions.map((code) => ofInstitution(reporting, period, code)),
    );

    // The database is lost: the rebuild writes into an empty one.
    const database = uniqueName('reporting-rebuilt');
    const output = await runRebuild({
      ...issuer.env(),
      AMQP_URL: testAmqpUrl(),
      MONGO_URL: testMongoUrl(),
      MONGO_DB: database,
      REGISTER_URL: register.url,
      PROPAGATION_URL: propagation.url,
      ROD_OPS_TOKEN: ops,
    });
    const summary = JSON.parse(output.trim().split('\n').pop()!) as {
      readModel: { events: number; rejected: number; flags: number };
      overviews: { period: string; preview: boolean }[];
    };
    expect(summary.readModel.rejected).toBe(0);
    expect(summary.readModel.flags).toBe(expected.flags);
    // registrations, deletions and fraud reports: at least one event each.
    expect(summary.readModel.events).toBeGreaterThanOrEqual(
      expected.registered + expected.deleted + institutions.length,
    );
    expect(summary.overviews.map((o) => o.period)).toEqual([period]);

    rebuilt = await startServiceProcess('reporting', {
      ...issuer.env(),
      MONGO_DB: database,
      REPORTING_BUILD_SCHEDULE: 'false',
    });
    expect(withoutBuildStamps(await national(rebuilt, period))).toEqual(withoutBuildStamps(before));
    for (const [i, code] of institutions.entries()) {
      expect(withoutBuildStamps(await ofInstitution(rebuilt, period, code))).toEqual(
        withoutBuildStamps(beforeInstitutions[i]),
      );
    }
  });
});

/** The overview period today falls in (DOMAIN.md): `YYYY-11` from 1 May, `YYYY+1-05` from 1 November. */
function currentPeriod(): string {
  const [year, monthDay] = [Number(amsterdamToday().slice(0, 4)), amsterdamToday().slice(5)];
  if (monthDay >= '11-01') return `${year + 1}-05`;
  return monthDay >= '05-01' ? `${year}-11` : `${year}-05`;
}

/** `npm run reporting:rebuild` as an operator runs it; resolves with its standard output. */
function runRebuild(env: Record<string, string>): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'tools/reporting/rebuild.js')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise(stdout)
        : reject(new Error(`rebuild exited with ${code}: ${stderr}`)),
    );
  });
}
