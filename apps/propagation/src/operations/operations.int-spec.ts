import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope, ProgrammeV1 } from '@rod/contracts';
import { Exchanges, amsterdamToday } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
  uniqueName,
} from '@rod/testing';
import { PropagationConfig } from '../config/propagation.config';
import { deliveryIdOf } from '../deliveries/domain/delivery-id';
import type { PropagationResultDocument } from '../deliveries/persistence/propagation-result.schema';
import { PROPAGATION_RESULT_MODEL } from '../deliveries/persistence/propagation-result.schema';
import { DEFAULT_PARTNERS, HEALTHCARE_CROHO_CODES } from '../partners/domain/default-partners';
import { partnerEnvName } from '../partners/domain/partner-id';
import { propagationService } from '../propagation.service';
import type { IrreversibleFlag } from './domain/irreversible-flag';
import type { LedgerLine } from './domain/ledger-line';
import { LedgerReader } from './persistence/ledger-reader';

const SECRET = 'the-webhook-secret-of-the-operations-test';
const BSN = '123456782';
const LAW: ProgrammeV1 = { crohoCode: '50000', level: 'WO', examType: 'master' };
const MEDICINE: ProgrammeV1 = {
  crohoCode: HEALTHCARE_CROHO_CODES[0],
  level: 'WO',
  examType: 'bachelor',
};

/** A partner's web server: answers every delivery with `status`, keeps the delivery ids. */
class PartnerHook {
  status = 400;
  readonly received: string[] = [];
  url = '';
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delivery = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        deliveryId: string;
      };
      if (this.status < 300) this.received.push(delivery.deliveryId);
      res.writeHead(this.status).end();
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/deliveries`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Answer<T = unknown> {
  status: number;
  type: string;
  text: string;
  body: T;
}

const newResultId = (institutionCode: string) =>
  `${institutionCode}-${uniqueName('OPS').replace(/[^A-Za-z0-9]/g, '')}`;

function resultEvent(
  resultId: string,
  type: 'ResultRegistered' | 'ResultDeleted',
  sequence: number,
  data: object,
): EventEnvelope {
  return createEnvelope({
    type,
    producer: 'register',
    correlationId: uniqueName('corr'),
    causationId: uniqueName('cmd'),
    resultId,
    institutionCode: resultId.slice(0, 4),
    sequence,
    data,
  });
}

const registered = (resultId: string, programme: ProgrammeV1) =>
  resultEvent(resultId, 'ResultRegistered', 1, {
    resultSequence: resultId.slice(5),
    person: { bsn: BSN },
    programme,
    examDate: '2026-07-03',
    studyMode: 'full-time',
    registeredAt: new Date().toISOString(),
    late: false,
  });

const deleted = (resultId: string, programme: ProgrammeV1, deletedAt: string) =>
  resultEvent(resultId, 'ResultDeleted', 2, {
    reason: 'duplicate',
    deletedAt,
    deletedBy: 'institution',
    acknowledgedIrreversible: true,
    consequences: { extractsIssued: 0, partnersHolding: [] },
    registeredAt: new Date().toISOString(),
    programme,
  });

describe('propagation: the operations API over the delivery ledger (real broker and database)', () => {
  let issuer: TestIssuer;
  let dir: string;
  let app: INestApplication;
  let url: string;
  let probe: BrokerProbe;
  let events: CapturedMessage[];
  let ops: string;
  const hook = new PartnerHook();
  const hookId = uniqueName('ops-hook');

  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    token: string | null = ops,
  ): Promise<Answer<T>> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      text,
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
  const lines = async (query: string) => call<LedgerLine[]>('GET', `/v1/deliveries?${query}`);
  const lineWhen = (query: string, what: string, test: (line: LedgerLine) => boolean) =>
    eventually(async () => (await lines(query)).body.find(test), { what });
  const publish = (event: EventEnvelope) => probe.publishEvent(event);

  beforeAll(async () => {
    await hook.start();
    issuer = await TestIssuer.create();
    ops = await issuer.token({ roles: ['ops'], sub: 'ops-1' });
    dir = await mkdtemp(join(tmpdir(), 'rod-operations-int-'));
    const partnersFile = join(dir, 'partners.json');
    const webhook = {
      id: hookId,
      name: 'A partner with a webhook',
      filter: { crohoCodes: [LAW.crohoCode] },
      canRetract: true,
      transport: { kind: 'webhook', url: hook.url, timeoutMs: 2000 },
    };
    await writeFile(partnersFile, JSON.stringify({ partners: [...DEFAULT_PARTNERS, webhook] }));
    ({ app, url } = await startInProcess(propagationService, PropagationConfig, {
      ...issuer.env(),
      PROPAGATION_PARTNERS_FILE: partnersFile,
      partnerVariables: { [`PARTNER_${partnerEnvName(hookId)}_SECRET`]: SECRET },
    }));
    probe = await BrokerProbe.connect(testAmqpUrl());
    events = await probe.capture(Exchanges.propagationEvents);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await hook.stop();
    await issuer?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => expectAllKeepTheContract(events));

  it.each<['GET' | 'POST', string]>([
    ['GET', '/v1/deliveries'],
    ['POST', `/v1/deliveries/${randomUUID()}/retry`],
    ['GET', '/v1/irreversible-deliveries'],
  ])('refuses %s %s without a token (401) and without the ops role (403)', async (method, path) => {
    const institution = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    const anonymous = await call(method, path, null);
    const notOps = await call(method, path, institution);
    expect([anonymous.status, notOps.status]).toEqual([401, 403]);
    expect(anonymous.type).toContain('application/problem+json');
    expect(notOps.type).toContain('application/problem+json');
  });

  it('parks a delivery the partner refuses, shows it without the body, and delivers it after a retry', async () => {
    hook.status = 400;
    const resultId = newResultId('21PA');
    const event = registered(resultId, LAW);
    await publish(event);
    const deliveryId = deliveryIdOf(hookId, event.eventId);

    await lineWhen(
      `resultId=${resultId}&partnerId=mijnoverheid`,
      'mijnoverheid delivered',
      (l) => l.status === 'delivered',
    );
    const parked = await eventually(
      async () => {
        const answer = await lines('status=parked');
        return answer.body.length > 0 ? answer : undefined;
      },
      { what: 'the parked delivery' },
    );
    expect(parked.status).toBe(200);
    expect(parked.body).toEqual([
      {
        deliveryId,
        resultId,
        institutionCode: '21PA',
        partnerId: hookId,
        eventId: event.eventId,
        kind: 'registration',
        status: 'parked',
        attempts: 1,
        lastError: 'HTTP 400',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
    const all = await lines(`resultId=${resultId}`);
    expect(all.body.map((l) => [l.partnerId, l.status])).toEqual(
      expect.arrayContaining([
        [hookId, 'parked'],
        ['mijnoverheid', 'delivered'],
      ]),
    );
    for (const answer of [parked, all, await lines('')]) {
      expect(answer.text).not.toContain(BSN);
      expect(answer.text).not.toContain('"body"');
    }
    // The parked entry keeps its body in the database; the reader's projection leaves it there.
    const stored = app.get<Model<PropagationResultDocument>>(
      getModelToken(PROPAGATION_RESULT_MODEL),
    );
    expect(JSON.stringify(await stored.findById(resultId).lean())).toContain(BSN);
    const reader = app.get(LedgerReader);
    const read = [await reader.one(resultId)];
    for await (const ledger of reader.all()) read.push(ledger);
    expect(JSON.stringify(read)).not.toContain(BSN);
    expect(
      events.some((m) => m.properties.type === 'DeliveryFailed' && m.raw.includes(hookId)),
    ).toBe(true);

    hook.status = 200;
    const retried = await call<LedgerLine>('POST', `/v1/deliveries/${deliveryId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({
      ...parked.body[0],
      status: 'pending',
      attempts: 0,
      updatedAt: expect.any(String),
    });

    await eventually(() => (hook.received.includes(deliveryId) ? true : undefined), {
      what: 'the webhook received the delivery',
    });
    const delivered = await lineWhen(
      `resultId=${resultId}&partnerId=${hookId}`,
      'the delivery recorded as delivered',
      (l) => l.status === 'delivered',
    );
    expect(delivered).toMatchObject({ deliveryId, attempts: 1, deliveredAt: expect.any(String) });
    expect((await lines('status=parked')).body).toEqual([]);
  });

  it('answers 409 for retrying a delivered delivery and 404 for an unknown one', async () => {
    hook.status = 200;
    const resultId = newResultId('21PA');
    const event = registered(resultId, LAW);
    await publish(event);
    const deliveryId = deliveryIdOf(hookId, event.eventId);
    await lineWhen(
      `resultId=${resultId}`,
      'the webhook delivery',
      (l) => l.deliveryId === deliveryId && l.status === 'delivered',
    );

    const conflict = await call('POST', `/v1/deliveries/${deliveryId}/retry`);
    expect(conflict.status).toBe(409);
    expect(conflict.type).toContain('application/problem+json');
    expect(conflict.body).toMatchObject({
      type: 'https://rod.example/problems/not-parked',
      status: 409,
      title: 'The delivery is not parked',
      deliveryId,
      deliveryStatus: 'delivered',
    });

    const unknown = randomUUID();
    const missing = await call('POST', `/v1/deliveries/${unknown}/retry`);
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    expect(missing.body).toMatchObject({
      type: 'https://rod.example/problems/unknown-delivery',
      deliveryId: unknown,
    });
  });

  it.each([
    ['/v1/deliveries?status=lost', 'status'],
    ['/v1/deliveries?limit=1001', 'limit'],
    ['/v1/irreversible-deliveries?from=yesterday', 'from'],
    ['/v1/irreversible-deliveries?institutionCode=21pa', 'institutionCode'],
  ])('answers 400 for %s, naming the parameter', async (path, field) => {
    const answer = await call<{ errors: { field: string }[] }>('GET', path);
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.errors.map((e) => e.field)).toEqual([field]);
  });

  it('lists the irreversible delivery of a result deleted after cibg-big received it', async () => {
    const resultId = newResultId('31FL');
    await publish(registered(resultId, MEDICINE));
    const received = await lineWhen(
      `resultId=${resultId}&partnerId=cibg-big`,
      'cibg-big received the result',
      (l) => l.status === 'delivered',
    );
    const deletedAt = new Date().toISOString();
    const deletion = deleted(resultId, MEDICINE, deletedAt);
    await publish(deletion);

    const flags = (query: string) =>
      call<IrreversibleFlag[]>('GET', `/v1/irreversible-deliveries?${query}`);
    const flagged = await eventually(
      async () => {
        const answer = await flags('institutionCode=31FL');
        return answer.body.length > 0 ? answer : undefined;
      },
      { what: 'the flag' },
    );
    const flag: IrreversibleFlag = {
      resultId,
      institutionCode: '31FL',
      partnerId: 'cibg-big',
      deliveredAt: received.deliveredAt!,
      deletedAt,
      reason: 'duplicate',
      deletionEventId: deletion.eventId,
    };
    expect(flagged.status).toBe(200);
    expect(flagged.body).toEqual([flag]);

    const justAfter = new Date(Date.parse(deletedAt) + 1).toISOString();
    const within = encodeURIComponent;
    expect((await flags('')).body).toEqual([flag]);
    expect((await flags('institutionCode=21PA')).body).toEqual([]);
    expect(
      (await flags(`from=${amsterdamToday(new Date(deletedAt))}&institutionCode=31FL`)).body,
    ).toEqual([flag]);
    expect((await flags(`from=${within(deletedAt)}&to=${within(justAfter)}`)).body).toEqual([flag]);
    expect((await flags(`from=${within(justAfter)}`)).body).toEqual([]);
    expect((await flags(`to=${within(deletedAt)}`)).body).toEqual([]);
  });

  it('describes the endpoints in its OpenAPI document, for operations with a bearer token', async () => {
    const document = (await (await fetch(`${url}/docs-json`)).json()) as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; summary?: string; security?: unknown[] }>
      >;
    };
    for (const [path, method] of [
      ['/v1/deliveries', 'get'],
      ['/v1/deliveries/{deliveryId}/retry', 'post'],
      ['/v1/irreversible-deliveries', 'get'],
    ]) {
      const operation = document.paths[path]?.[method];
      expect(operation?.tags).toEqual(['deliveries']);
      expect(operation?.summary).toEqual(expect.any(String));
      expect(operation?.security).toEqual([{ bearer: [] }]);
    }
  });
});
