import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import { Exchanges, Queues } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aBsn,
  aRegistration,
  aResultSequence,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
} from '@rod/testing';
import { RegisterConfig } from '../config/register.config';
import { registerService } from '../register.service';

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

describe('register: the life of a result over HTTP (real broker and database)', () => {
  let app: INestApplication;
  let url: string;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let events: CapturedMessage[];
  let institution: string;
  let otherInstitution: string;
  let helpdesk: string;

  const call = async (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const register = (body: Record<string, unknown>, key?: string) =>
    call(
      'POST',
      '/v1/institutions/21PA/results',
      institution,
      body,
      key ? { 'idempotency-key': key } : {},
    );
  const resultPath = (sequence: string) => `/v1/institutions/21PA/results/${sequence}`;
  const eventsOf = (resultId: string) =>
    events.map((e) => e.body as EventEnvelope).filter((e) => e.resultId === resultId);
  const eventOf = (resultId: string, type: string) =>
    eventually(() => eventsOf(resultId).find((e) => e.type === type), {
      what: `${type} of ${resultId}`,
    });

  /** What propagation would say after delivering the result to a partner. */
  const delivered = async (resultId: string, partnerId: string, canRetract: boolean) => {
    const event = createEnvelope({
      type: 'DeliverySucceeded',
      producer: 'propagation',
      correlationId: 'corr',
      causationId: 'cause',
      resultId,
      institutionCode: '21PA',
      sequence: 1,
      data: {
        partnerId,
        kind: 'registration',
        deliveredEventId: 'e',
        deliveredAt: new Date().toISOString(),
        attempts: 1,
        canRetract,
      },
    });
    await probe.publishJson(Exchanges.propagationEvents, 'delivery.succeeded.v1', event, {
      messageId: event.eventId,
      type: 'DeliverySucceeded',
    });
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ({ app, url } = await startInProcess(registerService, RegisterConfig, issuer.env() as never));
    probe = await BrokerProbe.connect(testAmqpUrl());
    events = await probe.capture(Exchanges.resultsEvents);
    institution = await issuer.token({
      roles: ['institution'],
      institutionCode: '21PA',
      sub: 'inst-21PA',
    });
    otherInstitution = await issuer.token({
      roles: ['institution'],
      institutionCode: '22XY',
      sub: 'inst-22XY',
    });
    helpdesk = await issuer.token({ roles: ['helpdesk'], sub: 'helpdesk-1' });
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await issuer?.dispose();
  });

  afterEach(() => expectAllKeepTheContract(events));

  it('registers once per Idempotency-Key: 201, then 200 with the same answer; a new key is already-exists', async () => {
    const body = aRegistration('21PA');
    const first = await register(body, 'key-1-' + String(body.resultSequence));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'accepted',
      resultId: `21PA-${String(body.resultSequence)}`,
    });
    const again = await register(body, 'key-1-' + String(body.resultSequence));
    expect(again).toMatchObject({ status: 200, body: first.body });
    const other = await register(body, 'key-2-' + String(body.resultSequence));
    expect(other.status).toBe(409);
    expect(other.type).toContain('application/problem+json');
    expect(other.body).toMatchObject({ status: 409, errors: [{ code: 'already-exists' }] });
    await eventOf(`21PA-${String(body.resultSequence)}`, 'ResultRegistered');
    expect(eventsOf(`21PA-${String(body.resultSequence)}`)).toHaveLength(1);
  });

  it('rejects an invalid registration with 400 and the field, storing nothing', async () => {
    const body = aRegistration('21PA', aResultSequence(), { person: { bsn: '123456789' } });
    const answer = await register(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ code: 'validation', field: 'person.bsn' }] });
    expect((await call('GET', resultPath(String(body.resultSequence)), institution)).status).toBe(
      404,
    );
  });

  it.each([
    ['not JSON', '{"institutionCode": "21PA", ', 400, 'invalid-json'],
    ['a JSON array', JSON.stringify([aRegistration('21PA')]), 400, 'malformed-message'],
    [
      'an operator key',
      JSON.stringify({ ...aRegistration('21PA'), $where: '1' }),
      400,
      'validation',
    ],
    [
      'an operator as a value',
      JSON.stringify({ ...aRegistration('21PA'), person: { bsn: { $ne: null } } }),
      400,
      'validation',
    ],
    ['an unknown field', JSON.stringify({ ...aRegistration('21PA'), grade: 9 }), 400, 'validation'],
    [
      'over 64 KiB',
      JSON.stringify({ ...aRegistration('21PA'), pad: 'x'.repeat(70 * 1024) }),
      413,
      'payload-too-large',
    ],
  ])('answers %s with a problem, storing nothing', async (_name, text, status, problem) => {
    const response = await fetch(`${url}/v1/institutions/21PA/results`, {
      method: 'POST',
      headers: { authorization: `Bearer ${institution}`, 'content-type': 'application/json' },
      body: text,
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as { type: string; detail: string };
    expect(body.type).toBe(`https://rod.example/problems/${problem}`);
    expect(body.detail).not.toContain('21PA-');
  });

  it('corrects a result and keeps every change in its history', async () => {
    const body = aRegistration('21PA');
    const seq = String(body.resultSequence);
    await register(body);
    const corrected = await call('PATCH', resultPath(seq), institution, { studyMode: 'dual' });
    expect(corrected).toMatchObject({
      status: 200,
      body: { status: 'accepted', command: 'CorrectResult' },
    });
    const event = await eventOf(`21PA-${seq}`, 'ResultCorrected');
    expect(event).toMatchObject({ sequence: 2, data: { changed: ['studyMode'] } });
    const read = await call('GET', resultPath(seq), institution);
    expect(read.body).toMatchObject({
      status: 'registered',
      result: { studyMode: 'dual' },
      history: [
        { sequence: 1, type: 'ResultRegistered' },
        { sequence: 2, type: 'ResultCorrected' },
      ],
    });
  });

  it('refuses a deletion with irreversible consequences until it is acknowledged', async () => {
    const body = aRegistration('21PA');
    const seq = String(body.resultSequence);
    const resultId = `21PA-${seq}`;
    await register(body);
    await delivered(resultId, 'mijnoverheid', true);
    await delivered(resultId, 'cibg-big', false);
    const impact = await eventually(
      async () => {
        const answer = await call('GET', `${resultPath(seq)}/deletion-impact`, institution);
        return (answer.body.consequences as { partnersHolding: unknown[] }).partnersHolding
          .length === 2
          ? answer
          : undefined;
      },
      { what: 'both partners holding the result' },
    );
    expect(impact.body).toMatchObject({
      irreversible: true,
      deletable: true,
      consequences: {
        extractsIssued: 0,
        partnersHolding: [
          { partnerId: 'cibg-big', canRetract: false },
          { partnerId: 'mijnoverheid', canRetract: true },
        ],
      },
    });

    const refused = await call('DELETE', resultPath(seq), institution, { reason: 'duplicate' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      errors: [
        {
          code: 'irreversible-consequences',
          details: {
            partnersHolding: [
              { partnerId: 'cibg-big', canRetract: false },
              { partnerId: 'mijnoverheid' },
            ],
          },
        },
      ],
    });
    expect((await call('GET', resultPath(seq), institution)).body.status).toBe('registered');

    const deleted = await call('DELETE', resultPath(seq), institution, {
      reason: 'duplicate',
      acknowledgeIrreversible: true,
    });
    expect(deleted).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const event = await eventOf(resultId, 'ResultDeleted');
    expect(event.data).toMatchObject({
      reason: 'duplicate',
      deletedBy: 'institution',
      acknowledgedIrreversible: true,
      consequences: {
        extractsIssued: 0,
        partnersHolding: [{ partnerId: 'cibg-big' }, { partnerId: 'mijnoverheid' }],
      },
    });
    const read = await call('GET', resultPath(seq), institution);
    expect(read.body).toMatchObject({ status: 'deleted' });
    expect((read.body.history as unknown[]).length).toBe(2);
    const again = await call('DELETE', resultPath(seq), institution, {
      reason: 'duplicate',
      acknowledgeIrreversible: true,
    });
    expect(again.body).toMatchObject({ errors: [{ code: 'already-deleted' }] });
  });

  it('deletes a result no one holds without an acknowledgement', async () => {
    const body = aRegistration('21PA');
    await register(body);
    const deleted = await call('DELETE', resultPath(String(body.resultSequence)), institution, {
      reason: 'other',
      explanation: 'registered by mistake',
    });
    expect(deleted.status).toBe(200);
    const event = await eventOf(`21PA-${String(body.resultSequence)}`, 'ResultDeleted');
    expect(event.data).toMatchObject({
      acknowledgedIrreversible: false,
      explanation: 'registered by mistake',
    });
  });

  it('suspends on a fraud report, tells the helpdesk, and lets only the helpdesk decide', async () => {
    const body = aRegistration('21PA');
    const seq = String(body.resultSequence);
    const resultId = `21PA-${seq}`;
    await register(body);
    const report = await call('POST', `${resultPath(seq)}/fraud-reports`, institution, {
      explanation: 'the certificate was forged',
    });
    expect(report).toMatchObject({
      status: 201,
      body: { status: 'accepted', command: 'ReportFraud' },
    });
    await eventOf(resultId, 'ResultSuspended');
    const reports = await eventually(
      async () => {
        const found = (await probe.drain(Queues.helpdeskFraudReports)).filter(
          (m) => (m.body as EventEnvelope).resultId === resultId,
        );
        return found.length > 0 ? found : undefined;
      },
      { what: 'the fraud report in the helpdesk queue' },
    );
    expect(reports[0]?.body).toMatchObject({
      type: 'ResultSuspended',
      data: { explanation: 'the certificate was forged' },
    });

    const byInstitution = await call('DELETE', resultPath(seq), institution, {
      reason: 'duplicate',
      acknowledgeIrreversible: true,
    });
    expect(byInstitution.body).toMatchObject({ errors: [{ code: 'invalid-state' }] });
    const open = await call('GET', '/v1/helpdesk/fraud-reports', helpdesk);
    expect((open.body as unknown as { resultId: string }[]).map((r) => r.resultId)).toContain(
      resultId,
    );

    const notHelpdesk = await call(
      'POST',
      `/v1/helpdesk/fraud-reports/${resultId}/decision`,
      institution,
      {
        decision: 'dismiss',
        explanation: 'x',
      },
    );
    expect(notHelpdesk.status).toBe(403);

    const dismissed = await call(
      'POST',
      `/v1/helpdesk/fraud-reports/${resultId}/decision`,
      helpdesk,
      {
        decision: 'dismiss',
        explanation: 'no evidence',
      },
    );
    expect(dismissed.status).toBe(200);
    await eventOf(resultId, 'ResultReinstated');
    expect((await call('GET', resultPath(seq), institution)).body.status).toBe('registered');

    await call('POST', `${resultPath(seq)}/fraud-reports`, institution, {
      explanation: 'new evidence',
    });
    const confirmed = await call(
      'POST',
      `/v1/helpdesk/fraud-reports/${resultId}/decision`,
      helpdesk,
      {
        decision: 'confirm',
        explanation: 'confirmed by the exam board',
      },
    );
    expect(confirmed.status).toBe(200);
    const deletion = await eventOf(resultId, 'ResultDeleted');
    expect(deletion).toMatchObject({
      sequence: 5,
      data: { reason: 'fraud', deletedBy: 'helpdesk', explanation: 'confirmed by the exam board' },
    });
  });

  it("keeps an institution away from another institution's results, whatever the path says", async () => {
    const body = aRegistration('21PA');
    const seq = String(body.resultSequence);
    await register(body);
    for (const [method, path, payload] of [
      ['GET', resultPath(seq), undefined],
      ['GET', `${resultPath(seq)}/deletion-impact`, undefined],
      ['PATCH', resultPath(seq), { studyMode: 'dual' }],
      ['DELETE', resultPath(seq), { reason: 'duplicate', acknowledgeIrreversible: true }],
      ['POST', `${resultPath(seq)}/fraud-reports`, { explanation: 'x' }],
      ['POST', '/v1/institutions/21PA/results', aRegistration('21PA')],
    ] as const) {
      const answer = await call(method, path, otherInstitution, payload);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
    }
    // Its own path with the other institution's code in the body.
    const smuggled = await call(
      'POST',
      '/v1/institutions/22XY/results',
      otherInstitution,
      aRegistration('21PA'),
    );
    expect(smuggled.body).toMatchObject({ errors: [{ code: 'not-allowed' }] });
    expect((await call('GET', resultPath(seq), institution)).body).toMatchObject({
      status: 'registered',
      history: [{}],
    });
  });

  it('shows a student only their own results', async () => {
    const mine = aBsn();
    const body = aRegistration('21PA', aResultSequence(), { person: { bsn: mine } });
    await register(body);
    await register(aRegistration('21PA'));
    const student = await issuer.token({ roles: ['student'], sub: mine });
    const answer = await call('GET', '/v1/me/results', student);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      expect.objectContaining({
        resultId: `21PA-${String(body.resultSequence)}`,
        result: expect.objectContaining({ person: { bsn: mine } }),
      }),
    ]);
    expect((await call('GET', resultPath(String(body.resultSequence)), student)).status).toBe(403);
  });

  it.each([
    ['no token', () => Promise.resolve(null)],
    [
      'an expired token',
      async () =>
        issuer.token({ roles: ['institution'], institutionCode: '21PA' }, { expired: true }),
    ],
    [
      'an unsigned token (alg none)',
      () =>
        Promise.resolve(issuer.unsignedToken({ roles: ['institution'], institutionCode: '21PA' })),
    ],
    [
      'a forged token',
      async () => issuer.forgedToken({ roles: ['institution'], institutionCode: '21PA' }),
    ],
    [
      'a token of another issuer',
      async () =>
        issuer.token(
          { roles: ['institution'], institutionCode: '21PA' },
          { issuer: 'someone-else' },
        ),
    ],
    [
      'a token for another audience',
      async () =>
        issuer.token({ roles: ['institution'], institutionCode: '21PA' }, { audience: 'other' }),
    ],
  ])('refuses %s with 401', async (_name, tokenOf) => {
    const answer = await call(
      'POST',
      '/v1/institutions/21PA/results',
      await tokenOf(),
      aRegistration('21PA'),
    );
    expect(answer.status).toBe(401);
    expect(answer.type).toContain('application/problem+json');
  });

  it('describes its HTTP API at /docs-json, bodies as the contract classes', async () => {
    const answer = await call('GET', '/docs-json', null);
    const document = answer.body as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/institutions/{code}/results',
        '/v1/institutions/{code}/results/batch',
        '/v1/institutions/{code}/results/{sequence}',
        '/v1/institutions/{code}/results/{sequence}/deletion-impact',
        '/v1/institutions/{code}/results/{sequence}/fraud-reports',
        '/v1/helpdesk/fraud-reports/{resultId}/decision',
        '/v1/me/results',
      ]),
    );
    expect(Object.keys(document.paths['/v1/institutions/{code}/results/{sequence}'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
    for (const schema of [
      'RegisterResultV1',
      'CorrectResultV1',
      'DeleteResultV1',
      'ReportFraudV1',
      'FraudDecisionV1',
      'PersonV1',
    ]) {
      expect(document.components.schemas).toHaveProperty(schema);
    }
    expect(JSON.stringify(document.components.schemas)).not.toContain('#/definitions/');
  });

  it('takes a batch as NDJSON and answers every line in order', async () => {
    const good = [aRegistration('21PA'), aRegistration('21PA')];
    const lines = [
      JSON.stringify(good[0]),
      '{not json',
      JSON.stringify({ ...aRegistration('21PA'), studyMode: 'sometimes' }),
      '',
      JSON.stringify(good[1]),
    ].join('\n');
    const response = await fetch(`${url}/v1/institutions/21PA/results/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${institution}`, 'content-type': 'application/x-ndjson' },
      body: lines,
    });
    expect(response.status).toBe(200);
    const outcomes = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(outcomes).toEqual([
      { line: 1, status: 'accepted', resultId: `21PA-${String(good[0]?.resultSequence)}` },
      {
        line: 2,
        status: 'rejected',
        resultId: null,
        errors: [expect.objectContaining({ code: 'malformed-message' })],
      },
      {
        line: 3,
        status: 'rejected',
        resultId: null,
        errors: [expect.objectContaining({ code: 'validation', field: 'studyMode' })],
      },
      { line: 5, status: 'accepted', resultId: `21PA-${String(good[1]?.resultSequence)}` },
      { summary: { lines: 4, accepted: 2, rejected: 2 } },
    ]);
  });

  it('takes a batch as CSV with dotted column names', async () => {
    const a = aRegistration('21PA') as { resultSequence: string; person: { bsn: string } };
    const csv = [
      'institutionCode,resultSequence,person.bsn,programme.crohoCode,programme.level,programme.examType,examDate,studyMode',
      `21PA,${a.resultSequence},${a.person.bsn},34479,HBO,bachelor,2026-07-03,full-time`,
      `21PA,${aResultSequence()},${a.person.bsn},34479,WO,associate-degree,2026-07-03,full-time`,
    ].join('\r\n');
    const response = await fetch(`${url}/v1/institutions/21PA/results/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${institution}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const outcomes = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(outcomes).toEqual([
      { line: 2, status: 'accepted', resultId: `21PA-${a.resultSequence}` },
      {
        line: 3,
        status: 'rejected',
        resultId: null,
        errors: [expect.objectContaining({ field: 'programme' })],
      },
      { summary: { lines: 2, accepted: 1, rejected: 1 } },
    ]);
  });
});
