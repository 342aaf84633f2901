import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Queues } from '@rod/contracts';
import {
  BrokerProbe,
  TestIssuer,
  eventually,
  startInProcess,
  testAmqpUrl,
  uniqueName,
} from '@rod/testing';
import { PropagationConfig } from '../config/propagation.config';
import { propagationService } from '../propagation.service';
import { createEnvelope } from '@rod/messaging';

const SECRET = 'the-webhook-secret-from-the-environment';

interface Answer {
  status: number;
  type: string;
  body: unknown;
}

async function get(url: string, token: string | null): Promise<Answer> {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.json(),
  };
}

describe('propagation: GET /v1/partners (real broker and database)', () => {
  let issuer: TestIssuer;
  let dir: string;
  let probe: BrokerProbe;
  const apps: INestApplication[] = [];
  let shippedUrl: string;
  let configuredUrl: string;
  let ops: string;
  const queuePartner = uniqueName('queue-partner');

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ops = await issuer.token({ roles: ['ops'], sub: 'ops-1' });
    dir = await mkdtemp(join(tmpdir(), 'rod-partners-int-'));
    const partnersFile = join(dir, 'partners.json');
    await writeFile(
      partnersFile,
      JSON.stringify({
        partners: [
          { id: queuePartner, name: 'Queue', canRetract: false, transport: { kind: 'queue' } },
          {
            id: 'hook',
            name: 'Hook',
            filter: { levels: ['WO'] },
            canRetract: true,
            transport: { kind: 'webhook', url: 'https://partner.example/hook', timeoutMs: 2000 },
          },
        ],
      }),
    );

    const shipped = await startInProcess(propagationService, PropagationConfig, {
      ...issuer.env(),
    });
    apps.push(shipped.app);
    shippedUrl = `${shipped.url}/v1/partners`;

    const configured = await startInProcess(propagationService, PropagationConfig, {
      ...issuer.env(),
      PROPAGATION_PARTNERS_FILE: partnersFile,
      partnerVariables: { PARTNER_HOOK_SECRET: SECRET },
    });
    apps.push(configured.app);
    configuredUrl = configured.url;
    probe = await BrokerProbe.connect(testAmqpUrl());
  });

  afterAll(async () => {
    await probe?.close();
    for (const app of apps) await app.close();
    await issuer?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a request without a token (401) and one without the ops role (403)', async () => {
    const institution = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    const anonymous = await get(shippedUrl, null);
    const notOps = await get(shippedUrl, institution);
    expect([anonymous.status, notOps.status]).toEqual([401, 403]);
    expect(anonymous.type).toContain('application/problem+json');
  });

  it('lists the two partners of the shipped file to operations', async () => {
    const answer = await get(shippedUrl, ops);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      expect.objectContaining({
        id: 'cibg-big',
        name: 'CIBG (BIG-register)',
        canRetract: false,
        transport: { kind: 'queue' },
        filter: { crohoCodes: expect.arrayContaining(['56551', '34560']) },
      }),
      expect.objectContaining({
        id: 'mijnoverheid',
        canRetract: true,
        filter: {},
        transport: { kind: 'queue' },
      }),
    ]);
  });

  it('shows a webhook partner without its secret, and every partner with its delivery counts', async () => {
    // Both services consume the same result-event queue in this vhost: only the one with
    // the configured partners may take the event.
    await apps.shift()?.close();
    // A WO result: both partners receive it; the queue partner gets it, the webhook
    // (nobody answers at partner.example) keeps it pending for a retry.
    const resultSequence = uniqueName('W').replace(/[^A-Za-z0-9]/g, '');
    const event = createEnvelope({
      type: 'ResultRegistered',
      producer: 'register',
      correlationId: 'corr',
      causationId: 'cmd',
      resultId: `21PA-${resultSequence}`,
      institutionCode: '21PA',
      sequence: 1,
      data: {
        resultSequence,
        person: { bsn: '123456782' },
        programme: { crohoCode: '50000', level: 'WO', examType: 'master' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
        registeredAt: new Date().toISOString(),
        late: false,
      },
    });
    await probe.publishEvent(event);
    const answer = await eventually(
      async () => {
        const listed = await get(`${configuredUrl}/v1/partners`, ops);
        const queue = (listed.body as { deliveries?: { delivered?: number } }[])[0];
        return queue?.deliveries?.delivered === 1 ? listed : undefined;
      },
      { what: 'the queue partner delivered' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      {
        id: queuePartner,
        name: 'Queue',
        filter: {},
        canRetract: false,
        transport: { kind: 'queue' },
        deliveries: { pending: 0, delivered: 1, parked: 0, retracted: 0, skipped: 0 },
      },
      {
        id: 'hook',
        name: 'Hook',
        filter: { levels: ['WO'] },
        canRetract: true,
        transport: {
          kind: 'webhook',
          url: 'https://partner.example/hook',
          timeoutMs: 2000,
          hasSecret: true,
        },
        deliveries: { pending: 1, delivered: 0, parked: 0, retracted: 0, skipped: 0 },
      },
    ]);
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
  });

  it('declares the inbox queue of a queue partner of the file it was given', async () => {
    // It exists (checkQueue fails on a missing queue), and holds the delivery made above.
    await expect(probe.messageCount(Queues.partnerInbox(queuePartner))).resolves.toBe(1);
  });

  it('describes the endpoint in its OpenAPI document, for operations with a bearer token', async () => {
    const document = (await (await fetch(`${configuredUrl}/docs-json`)).json()) as {
      paths: Record<string, { get?: { tags?: string[]; summary?: string; security?: unknown[] } }>;
    };
    const operation = document.paths['/v1/partners']?.get;
    expect(operation?.tags).toEqual(['partners']);
    expect(operation?.summary).toEqual(expect.any(String));
    expect(operation?.security).toEqual([{ bearer: [] }]);
  });
});
