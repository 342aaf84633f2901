import { createHmac } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import { Exchanges, PropagationQueues } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
  uniqueName,
} from '@rod/testing';
import { PropagationConfig } from '../config/propagation.config';
import { propagationService } from '../propagation.service';

const SECRET = 'a-webhook-secret-of-the-test-partners';

interface Received {
  path: string;
  at: number;
  deliveryId: string;
  resultId: string;
  kind: string;
  signatureOk: boolean;
}

/** The partners' web servers: what they received, and how each path answers. */
class PartnerServer {
  readonly received: Received[] = [];
  private server!: Server;
  url = '';
  /** Answers per path: a status, or a function of the request count for that result. */
  behaviour = new Map<string, (count: number) => { status: number; delayMs?: number }>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  of(path: string, resultId: string): Received[] {
    return this.received.filter((r) => r.path === path && r.resultId === resultId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const parsed = JSON.parse(body) as { deliveryId: string; resultId: string; kind: string };
    const path = req.url ?? '';
    const count = this.of(path, parsed.resultId).length + 1;
    const expected = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    this.received.push({
      path,
      at: Date.now(),
      deliveryId: parsed.deliveryId,
      resultId: parsed.resultId,
      kind: parsed.kind,
      signatureOk: req.headers['x-signature'] === expected,
    });
    const answer = this.behaviour.get(path)?.(count) ?? { status: 200 };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    res.writeHead(answer.status).end();
  }
}

const webhook = (id: string, crohoCode: string, url: string, canRetract = true) => ({
  id,
  name: id,
  filter: { crohoCodes: [crohoCode] },
  canRetract,
  transport: { kind: 'webhook', url, timeoutMs: 5000 },
});

describe('propagation: webhook partners (real broker and database, partners played by a local server)', () => {
  const server = new PartnerServer();
  let dir: string;
  let app: INestApplication;
  let probe: BrokerProbe;
  let events: CapturedMessage[];

  const publish = (event: EventEnvelope) => probe.publishEvent(event);
  const registration = (crohoCode: string) => {
    const resultSequence = uniqueName('H').replace(/[^A-Za-z0-9]/g, '');
    const resultId = `21PA-${resultSequence}`;
    const event = createEnvelope({
      type: 'ResultRegistered',
      producer: 'register',
      correlationId: uniqueName('corr'),
      causationId: 'cmd',
      resultId,
      institutionCode: '21PA',
      sequence: 1,
      data: {
        resultSequence,
        person: { bsn: '123456782' },
        programme: { crohoCode, level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
        registeredAt: new Date().toISOString(),
        late: false,
      },
    });
    return { resultId, event };
  };
  const eventsOf = (resultId: string, type: string) =>
    events
      .map((m) => m.body as EventEnvelope)
      .filter((e) => e.resultId === resultId && e.type === type);

  beforeAll(async () => {
    await server.start();
    dir = await mkdtemp(join(tmpdir(), 'rod-webhooks-'));
    const partnersFile = join(dir, 'partners.json');
    await writeFile(
      partnersFile,
      JSON.stringify({
        partners: [
          webhook('flaky', '11111', `${server.url}/flaky`),
          webhook('gone', '33333', `${server.url}/gone`),
          webhook('slow', '22222', `${server.url}/slow`),
          webhook('fast', '22222', `${server.url}/fast`),
        ],
      }),
    );
    ({ app } = await startInProcess(propagationService, PropagationConfig, {
      PROPAGATION_PARTNERS_FILE: partnersFile,
      PROPAGATION_MAX_ATTEMPTS: 7,
      PROPAGATION_RETRY_BASE_MS: 100,
      partnerVariables: Object.fromEntries(
        ['FLAKY', 'GONE', 'SLOW', 'FAST'].map((id) => [`PARTNER_${id}_SECRET`, SECRET]),
      ),
    }));
    probe = await BrokerProbe.connect(testAmqpUrl());
    events = await probe.capture(Exchanges.propagationEvents);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await server.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => expectAllKeepTheContract(events));

  it('delivers once to a partner that fails 5 times, retrying through the broker, signed every time', async () => {
    server.behaviour.set('/flaky', (count) => ({ status: count <= 5 ? 503 : 200 }));
    const { resultId, event } = registration('11111');
    await publish(event);
    const [succeeded] = await eventually(
      () => {
        const found = eventsOf(resultId, 'DeliverySucceeded');
        return found.length > 0 ? found : undefined;
      },
      { what: 'DeliverySucceeded after the retries', timeoutMs: 40_000 },
    );
    expect(succeeded?.data).toMatchObject({ partnerId: 'flaky', attempts: 6 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const requests = server.of('/flaky', resultId);
    expect(requests).toHaveLength(6);
    expect(new Set(requests.map((r) => r.deliveryId)).size).toBe(1);
    expect(requests.every((r) => r.signatureOk)).toBe(true);
    expect(eventsOf(resultId, 'DeliverySucceeded')).toHaveLength(1);
  });

  it('parks a delivery to a partner that keeps failing, with DeliveryFailed, visible in its parked queue', async () => {
    server.behaviour.set('/gone', () => ({ status: 500 }));
    const parkedBefore = await probe.messageCount(PropagationQueues.parked('gone'));
    const { resultId, event } = registration('33333');
    await publish(event);
    const [failed] = await eventually(
      () => {
        const found = eventsOf(resultId, 'DeliveryFailed');
        return found.length > 0 ? found : undefined;
      },
      { what: 'DeliveryFailed', timeoutMs: 60_000 },
    );
    expect(failed?.data).toMatchObject({
      partnerId: 'gone',
      attempts: 7,
      lastError: expect.stringContaining('500'),
    });
    expect(server.of('/gone', resultId)).toHaveLength(7);
    await probe.waitForDepth(PropagationQueues.parked('gone'), parkedBefore + 1);
    const parked = (await probe.drain(PropagationQueues.parked('gone'))).map((m) => m.body);
    expect(parked).toEqual(
      expect.arrayContaining([expect.objectContaining({ resultId, partnerId: 'gone' })]),
    );
    expect(JSON.stringify(parked)).not.toContain('123456782');
  });

  it('does not let a slow partner (2 s a delivery) slow down another partner', async () => {
    server.behaviour.set('/slow', () => ({ status: 200, delayMs: 2000 }));
    const results = Array.from({ length: 4 }, () => registration('22222'));
    const started = Date.now();
    for (const { event } of results) await publish(event);
    await eventually(
      () =>
        results.every(({ resultId }) => server.of('/fast', resultId).length === 1)
          ? true
          : undefined,
      { what: 'the fast partner served', timeoutMs: 20_000 },
    );
    const fastDone = Math.max(...results.map(({ resultId }) => server.of('/fast', resultId)[0].at));
    expect(fastDone - started).toBeLessThan(2000);
    await eventually(
      () =>
        results.every(({ resultId }) => eventsOf(resultId, 'DeliverySucceeded').length === 2)
          ? true
          : undefined,
      { what: 'the slow partner served too', timeoutMs: 30_000 },
    );
  });

  it('skips a registration not delivered yet when the result is deleted', async () => {
    server.behaviour.set('/flaky', () => ({ status: 503 }));
    const { resultId, event } = registration('11111');
    await publish(event);
    await eventually(() => (server.of('/flaky', resultId).length === 1 ? true : undefined), {
      what: 'the first, failed attempt',
    });
    const deletion = createEnvelope({
      type: 'ResultDeleted',
      producer: 'register',
      correlationId: 'corr',
      causationId: 'cmd',
      resultId,
      institutionCode: '21PA',
      sequence: 2,
      data: {
        reason: 'registered-too-early',
        deletedAt: new Date().toISOString(),
        deletedBy: 'institution',
        acknowledgedIrreversible: false,
        consequences: { extractsIssued: 0, partnersHolding: [] },
        registeredAt: new Date().toISOString(),
        programme: { crohoCode: '11111', level: 'HBO', examType: 'bachelor' },
      },
    });
    await publish(deletion);
    server.behaviour.set('/flaky', () => ({ status: 200 }));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(server.of('/flaky', resultId).map((r) => r.kind)).toEqual(['registration']);
    expect(eventsOf(resultId, 'DeliverySucceeded')).toEqual([]);
    expect(eventsOf(resultId, 'IrreversibleDeliveryFlagged')).toEqual([]);
  });
});
