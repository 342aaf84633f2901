import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from 'amqplib';
import type { RunningService } from '@rod/testing';
import {
  TestIssuer,
  aRegistration,
  eventually,
  startServiceProcess,
  stopServiceProcess,
} from '@rod/testing';

interface RabbitNode {
  url: string;
  start(): Promise<number>;
  stop(): Promise<void>;
  ctl(args: string[]): Promise<string>;
}
interface RabbitNodeTool {
  RabbitNode: new (options: {
    dir: string;
    port: number;
    distPort: number;
    log: (line: string) => void;
  }) => RabbitNode;
}
interface FerretTool {
  freePort(): Promise<number>;
}

const repoRoot = resolve(__dirname, '../..');
const WATCH_QUEUE = 'outage-test.results-events';

/** How many result events wait in the test's own queue (a fresh connection each time). */
async function waitingEvents(url: string): Promise<number> {
  const connection = await connect(url);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(WATCH_QUEUE)).messageCount;
  } finally {
    await connection.close();
  }
}

/**
 * The broker here is a private RabbitMQ node of this test's own, so stopping it disturbs no
 * other test (the shared broker is never restarted outside CI).
 */
describe('the register while the broker is down', () => {
  let node: RabbitNode;
  let nodeDir: string;
  let issuer: TestIssuer;
  let register: RunningService;
  let token: string;

  const registerOverHttp = async () => {
    const response = await fetch(`${register.url}/v1/institutions/21PA/results`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(aRegistration('21PA')),
      signal: AbortSignal.timeout(30_000),
    });
    return response.status;
  };

  beforeAll(async () => {
    const { RabbitNode } = (await import(
      join(repoRoot, 'tools/chaos/lib/rabbit-node.js')
    )) as RabbitNodeTool;
    const { freePort } = (await import(join(repoRoot, 'tools/dev/ferretdb.js'))) as FerretTool;
    nodeDir = mkdtempSync(join(tmpdir(), 'rod-outage-broker-'));
    node = new RabbitNode({
      dir: nodeDir,
      port: await freePort(),
      distPort: await freePort(),
      log: () => undefined,
    });
    await node.start();
    issuer = await TestIssuer.create();
    register = await startServiceProcess('register', { ...issuer.env(), AMQP_URL: node.url });
    token = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    const connection = await connect(node.url);
    const channel = await connection.createChannel();
    await channel.assertQueue(WATCH_QUEUE, { durable: true });
    await channel.bindQueue(WATCH_QUEUE, 'results.events', 'result.registered.v1');
    await connection.close();
  }, 240_000);

  afterAll(async () => {
    if (register) await stopServiceProcess(register);
    await issuer?.dispose();
    await node?.stop();
    if (nodeDir) rmSync(nodeDir, { recursive: true, force: true });
  }, 120_000);

  it('says so on /health/ready, keeps taking results with the outbox holding their events, and publishes them once the broker is back', async () => {
    expect(await registerOverHttp()).toBe(201);
    await eventually(async () => ((await waitingEvents(node.url)) === 1 ? true : undefined), {
      what: 'the first event published',
      timeoutMs: 30_000,
    });

    await node.ctl(['stop_app']);
    try {
      const down = await eventually(
        async () => {
          const response = await fetch(`${register.url}/health/ready`);
          return response.status === 503 ? await response.json() : undefined;
        },
        { what: 'readiness to report the broker down', timeoutMs: 30_000 },
      );
      expect(down).toMatchObject({ checks: { broker: 'down', database: 'up' } });
      // Results are still taken: each is stored with its event in the outbox.
      expect(await registerOverHttp()).toBe(201);
      expect(await registerOverHttp()).toBe(201);
      expect(register.child.exitCode).toBeNull();
    } finally {
      await node.ctl(['start_app']);
    }

    await eventually(async () => ((await waitingEvents(node.url)) === 3 ? true : undefined), {
      what: 'the held events published after the broker came back',
      timeoutMs: 60_000,
    });
    await eventually(
      async () => ((await fetch(`${register.url}/health/ready`)).status === 200 ? true : undefined),
      { what: 'ready again', timeoutMs: 30_000 },
    );
    expect(register.child.exitCode).toBeNull();
  }, 240_000);
});
