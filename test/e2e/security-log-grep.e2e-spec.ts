import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Exchanges, Queues, RoutingKeys } from '@rod/contracts';
import type { RunningService } from '@rod/testing';
import {
  BrokerProbe,
  SERVICES,
  TestIssuer,
  aBsn,
  aRegistration,
  eventually,
  startServiceProcess,
  stopServiceProcess,
  testAmqpUrl,
} from '@rod/testing';

/** A valid education number (DOMAIN.md): 10…, weighted sum ≡ 5 (mod 11). */
function anEducationNumber(): string {
  for (;;) {
    const digits = [1, 0, ...Array.from({ length: 6 }, () => randomInt(10))];
    const sum = digits.reduce((total, digit, i) => total + (9 - i) * digit, 0);
    const last = (((sum - 5) % 11) + 11) % 11;
    if (last < 10) return `${digits.join('')}${last}`;
  }
}

const PARTNERS = ['mijnoverheid', 'cibg-big'];
/** A healthcare programme (CROHO), which cibg-big receives too and cannot retract. */
const HEALTHCARE = { crohoCode: '56551', level: 'WO', examType: 'master' };

interface Answer {
  status: number;
  text: string;
}

describe('no personal number in any log line of a run through the three services (debug level)', () => {
  let services: Record<(typeof SERVICES)[number], RunningService>;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  /** Every personal number this run sends; none may appear in a log. */
  const numbers: string[] = [];
  const person = (kind: 'bsn' | 'educationNumber') => {
    const value = kind === 'bsn' ? aBsn() : anEducationNumber();
    numbers.push(value);
    return { value, person: { [kind]: value } };
  };

  const call = async (
    service: RunningService,
    method: string,
    path: string,
    options: { token?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body,
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    const env = { ...issuer.env(), LOG_LEVEL: 'debug' };
    const started = await Promise.all(
      SERVICES.map((name) =>
        startServiceProcess(name, name === 'register' ? { ...env, RATE_LIMIT_CLIENT: '40' } : env),
      ),
    );
    services = Object.fromEntries(started.map((s) => [s.name, s])) as typeof services;
    probe = await BrokerProbe.connect(testAmqpUrl());
  });

  afterAll(async () => {
    for (const partner of PARTNERS) await probe?.purgeIfExists(Queues.partnerInbox(partner));
    await probe?.purgeIfExists(`${Queues.registerCommands}.dlq`);
    await probe?.close();
    await Promise.all(Object.values(services ?? {}).map(stopServiceProcess));
    await issuer?.dispose();
  });

  it('logs none of the BSNs and education numbers of registrations, corrections, extracts, errors and refusals', async () => {
    const { register, propagation, reporting } = services;
    const institution = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    const helpdesk = await issuer.token({ roles: ['helpdesk'], sub: 'desk-1' });
    const ops = await issuer.token({ roles: ['ops'], sub: 'ops-1' });
    const post = (path: string, body: unknown, token = institution, headers = {}) =>
      call(register, 'POST', path, { token, body: JSON.stringify(body), headers });

    // Registrations over HTTP: a BSN, an education number, a healthcare result; one repeated.
    const withBsn = person('bsn');
    const withEducationNumber = person('educationNumber');
    const healthcare = person('bsn');
    const registrations = [
      aRegistration('21PA', undefined, { person: withBsn.person }),
      aRegistration('21PA', undefined, { person: withEducationNumber.person }),
      aRegistration('21PA', undefined, { person: healthcare.person, programme: HEALTHCARE }),
    ];
    for (const registration of registrations) {
      const key = { 'idempotency-key': String(registration.resultSequence) };
      expect(
        (await post('/v1/institutions/21PA/results', registration, institution, key)).status,
      ).toBe(201);
      expect(
        (await post('/v1/institutions/21PA/results', registration, institution, key)).status,
      ).toBe(200);
    }
    const [first, second, third] = registrations.map((r) => String(r.resultSequence));
    const path = (sequence: string) => `/v1/institutions/21PA/results/${sequence}`;

    // Invalid input carrying personal numbers: a bad field, bad JSON, too large, a bad number.
    const invalid = person('bsn');
    expect(
      (
        await post('/v1/institutions/21PA/results', {
          ...aRegistration('21PA'),
          ...invalid,
          studyMode: 'x',
        })
      ).status,
    ).toBe(400);
    const unparsable = person('bsn');
    expect(
      (
        await call(register, 'POST', '/v1/institutions/21PA/results', {
          token: institution,
          body: `{"person": {"bsn": "${unparsable.value}"`,
        })
      ).status,
    ).toBe(400);
    const large = person('bsn');
    expect(
      (
        await post('/v1/institutions/21PA/results', {
          ...aRegistration('21PA', undefined, { person: large.person }),
          pad: 'x'.repeat(70 * 1024),
        })
      ).status,
    ).toBe(413);
    const wrongCheck = `${person('bsn').value.slice(0, 8)}0`;
    numbers.push(wrongCheck);
    await post(
      '/v1/institutions/21PA/results',
      aRegistration('21PA', undefined, { person: { bsn: wrongCheck } }),
    );
    // Personal numbers in queries and paths, where no endpoint takes them.
    const inQuery = person('bsn');
    expect((await call(register, 'GET', `/v1/me/results?bsn=${inQuery.value}`)).status).toBe(401);
    const inPath = person('bsn');
    expect((await call(register, 'GET', `/v1/people/${inPath.value}`)).status).toBe(404);

    // Corrections (a new number), reads, a fraud report and the helpdesk's decision.
    const corrected = person('bsn');
    expect(
      (
        await call(register, 'PATCH', path(first), {
          token: institution,
          body: JSON.stringify({ person: corrected.person }),
        })
      ).status,
    ).toBe(200);
    expect((await call(register, 'GET', path(first), { token: institution })).status).toBe(200);
    expect(
      (await post(`${path(second)}/fraud-reports`, { explanation: 'copied' })).status,
    ).toBeLessThan(300);
    expect(
      (
        await post(
          `/v1/helpdesk/fraud-reports/21PA-${second}/decision`,
          { decision: 'dismiss', explanation: 'fine' },
          helpdesk,
        )
      ).status,
    ).toBeLessThan(300);

    // Students: their results, extracts (JWT and PDF) and their verification; a refused token.
    const student = await issuer.token({ roles: ['student'], sub: corrected.value });
    expect((await call(register, 'GET', '/v1/me/results', { token: student })).status).toBe(200);
    const extract = await call(register, 'POST', `/v1/me/results/21PA-${first}/extracts`, {
      token: student,
    });
    expect(extract.status).toBe(201);
    const pdf = await call(register, 'POST', `/v1/me/results/21PA-${first}/extracts`, {
      token: student,
      headers: { accept: 'application/pdf' },
    });
    expect(pdf.status).toBe(201);
    const verified = await post('/v1/extracts/verify', { credential: extract.text }, '');
    expect(verified.text).toContain('"valid"');
    const expired = await issuer.token(
      { roles: ['student'], sub: withEducationNumber.value },
      { expired: true },
    );
    expect((await call(register, 'GET', '/v1/me/results', { token: expired })).status).toBe(401);
    const stranger = await issuer.token({ roles: ['student'], sub: person('bsn').value });
    expect(
      (await call(register, 'POST', `/v1/me/results/21PA-${third}/extracts`, { token: stranger }))
        .status,
    ).toBe(404);
    // A student over the rate limit (40 a minute here): their number is the client's key.
    const eager = await issuer.token({ roles: ['student'], sub: person('bsn').value });
    let limited = 0;
    for (let i = 0; i < 41; i += 1) {
      if ((await call(register, 'GET', '/v1/me/results', { token: eager })).status === 429)
        limited += 1;
    }
    expect(limited).toBeGreaterThan(0);

    // Commands over the broker: valid, invalid, not JSON.
    const replies = await probe.replyQueue();
    const overBroker = person('educationNumber');
    await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      aRegistration('21PA', undefined, { person: overBroker.person }),
      { type: 'RegisterResult', replyTo: replies.queue },
    );
    const rejected = person('bsn');
    await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      { ...aRegistration('21PA', undefined, { person: rejected.person }), examDate: 'soon' },
      { type: 'RegisterResult', replyTo: replies.queue },
    );
    const garbled = person('bsn');
    await probe.publishRaw(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      Buffer.from(`{"person": {"bsn": "${garbled.value}"`),
      { type: 'RegisterResult', replyTo: replies.queue },
    );
    await eventually(() => (replies.messages.length >= 3 ? true : undefined), {
      what: 'three replies',
      timeoutMs: 30_000,
    });

    // A deletion after delivery to a partner that cannot retract: retraction and flag.
    await eventually(
      async () => {
        const answer = await call(register, 'GET', `${path(third)}/deletion-impact`, {
          token: institution,
        });
        return answer.text.includes('cibg-big') ? true : undefined;
      },
      { what: 'cibg-big to hold the healthcare result', timeoutMs: 60_000, intervalMs: 500 },
    );
    const deleted = await call(register, 'DELETE', path(third), {
      token: institution,
      body: JSON.stringify({ reason: 'administrative-error', acknowledgeIrreversible: true }),
    });
    expect(deleted.status).toBeLessThan(300);
    await eventually(
      async () => {
        const answer = await call(
          propagation,
          'GET',
          '/v1/irreversible-deliveries?institutionCode=21PA',
          { token: ops },
        );
        return answer.text.includes(`21PA-${third}`) ? true : undefined;
      },
      { what: 'the irreversible delivery flag', timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(
      (await call(propagation, 'GET', `/v1/deliveries?resultId=21PA-${first}`, { token: ops }))
        .status,
    ).toBe(200);
    expect(
      (await call(reporting, 'POST', '/v1/overviews/2026-11/build', { token: ops })).status,
    ).toBeLessThan(300);

    // Stop the services so that every line is written, then read every log.
    for (const service of Object.values(services)) {
      const closed = service.child.stdout ? once(service.child.stdout, 'close') : Promise.resolve();
      await stopServiceProcess(service);
      await closed;
    }
    for (const service of Object.values(services)) {
      const lines = readFileSync(service.logFile, 'utf8').split('\n');
      expect(lines.length).toBeGreaterThan(20);
      const leaks = lines.flatMap((line, index) =>
        numbers
          .filter((n) => line.includes(n))
          .map((n) => `${service.name} line ${index + 1}: ${n}`),
      );
      expect(leaks).toEqual([]);
    }
  });
});
