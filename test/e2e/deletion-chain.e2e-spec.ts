import type { EventEnvelope } from '@rod/contracts';
import { Exchanges } from '@rod/contracts';
import type { CapturedMessage, RunningService } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  expectAllKeepTheContract,
  startServiceProcess,
  stopServiceProcess,
  testAmqpUrl,
} from '@rod/testing';

/** A healthcare programme: CIBG (cannot retract) receives it, and so does MijnOverheid. */
const NURSING = { crohoCode: '34560', level: 'HBO', examType: 'bachelor' };

describe('a deletion through the chain: register and propagation as processes', () => {
  let issuer: TestIssuer;
  let register: RunningService;
  let propagation: RunningService;
  let probe: BrokerProbe;
  let token: string;
  const captured: CapturedMessage[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${register.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    [register, propagation] = await Promise.all([
      startServiceProcess('register', issuer.env()),
      startServiceProcess('propagation', issuer.env()),
    ]);
    token = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    probe = await BrokerProbe.connect(testAmqpUrl());
    await probe.capture(Exchanges.propagationEvents, '#', captured);
    await probe.capture(Exchanges.partnersOutbound, '#', captured);
  });

  afterAll(async () => {
    await probe?.close();
    for (const service of [register, propagation]) if (service) await stopServiceProcess(service);
    await issuer?.dispose();
  });

  it('shows who holds the result, refuses the deletion until acknowledged, then retracts and flags', async () => {
    const body = aRegistration('21PA', undefined, { programme: NURSING });
    const sequence = String(body.resultSequence);
    const resultId = `21PA-${sequence}`;
    expect((await call('POST', '/v1/institutions/21PA/results', body)).status).toBe(201);

    const impact = await eventually(
      async () => {
        const answer = await call(
          'GET',
          `/v1/institutions/21PA/results/${sequence}/deletion-impact`,
        );
        const holding = (answer.body.consequences as { partnersHolding: unknown[] })
          .partnersHolding;
        return holding.length === 2 ? answer.body : undefined;
      },
      { what: 'both partners holding the result', timeoutMs: 30_000 },
    );
    expect(impact).toMatchObject({
      irreversible: true,
      consequences: {
        partnersHolding: [
          { partnerId: 'cibg-big', canRetract: false },
          { partnerId: 'mijnoverheid', canRetract: true },
        ],
      },
    });

    const refused = await call('DELETE', `/v1/institutions/21PA/results/${sequence}`, {
      reason: 'administrative-error',
    });
    expect(refused.status).toBe(409);
    const deleted = await call('DELETE', `/v1/institutions/21PA/results/${sequence}`, {
      reason: 'administrative-error',
      acknowledgeIrreversible: true,
    });
    expect(deleted.status).toBe(200);

    const ofResult = () =>
      captured
        .map((m) => m.body as EventEnvelope & { kind?: string; partnerId?: string })
        .filter((m) => m.resultId === resultId);
    await eventually(
      () => (ofResult().some((m) => m.type === 'DeliveryRetracted') ? true : undefined),
      { what: 'the retraction confirmed', timeoutMs: 30_000 },
    );
    const flags = ofResult().filter((m) => m.type === 'IrreversibleDeliveryFlagged');
    expect(flags.map((f) => (f.data as { partnerId: string }).partnerId)).toEqual(['cibg-big']);
    expect(
      ofResult()
        .filter((m) => m.kind === 'retraction')
        .map((m) => m.partnerId),
    ).toEqual(['mijnoverheid']);
    expectAllKeepTheContract(captured);

    const afterwards = await eventually(
      async () => {
        const answer = await call('GET', `/v1/institutions/21PA/results/${sequence}`);
        const holding = answer.body.partnersHolding as { partnerId: string }[];
        return holding.length === 1 ? answer.body : undefined;
      },
      { what: 'the retraction known to the register', timeoutMs: 30_000 },
    );
    expect(afterwards).toMatchObject({
      status: 'deleted',
      partnersHolding: [{ partnerId: 'cibg-big' }],
    });
  });
});
