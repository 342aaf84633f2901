import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Exchanges, Queues, deadLetterQueue } from '@rod/contracts';
import type { CapturedMessage, RunningService } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  startServiceProcess,
  stopServiceProcess,
  testAmqpUrl,
} from '@rod/testing';

interface Ferret {
  url: string;
  child: { kill(signal: string): boolean; once(event: 'exit', listener: () => void): unknown };
  stop(): Promise<void>;
}
interface FerretTool {
  startFerretdb(options: { port: number; dataDir: string }): Promise<Ferret>;
  freePort(): Promise<number>;
}

const repoRoot = resolve(__dirname, '../..');

async function readiness(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/health/ready`);
  return { status: response.status, body: await response.text() };
}

describe('the register while its database is down', () => {
  let tool: FerretTool;
  let ferret: Ferret;
  let port: number;
  let dataDir: string;
  let issuer: TestIssuer;
  let register: RunningService;
  let probe: BrokerProbe;
  let replies: { queue: string; messages: CapturedMessage[] };

  const sendCommand = (body: Record<string, unknown>) =>
    probe.publishJson(
      Exchanges.registerCommands,
      `institution.${String(body.institutionCode)}.register-result`,
      body,
      { type: 'RegisterResult', replyTo: replies.queue },
    );
  const replyTo = (commandId: string) =>
    replies.messages.find((m) => (m.body as { commandId?: string }).commandId === commandId);

  const killDatabase = async () => {
    const exited = new Promise((resolveExit) => ferret.child.once('exit', () => resolveExit(true)));
    ferret.child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    tool = (await import(join(repoRoot, 'tools/dev/ferretdb.js'))) as FerretTool;
    port = await tool.freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'rod-outage-db-'));
    ferret = await tool.startFerretdb({ port, dataDir });
    issuer = await TestIssuer.create();
    register = await startServiceProcess('register', { ...issuer.env(), MONGO_URL: ferret.url });
    probe = await BrokerProbe.connect(testAmqpUrl());
    replies = await probe.replyQueue();
  }, 120_000);

  afterAll(async () => {
    await probe?.close();
    if (register) await stopServiceProcess(register);
    await ferret?.stop();
    await issuer?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so on /health/ready, keeps its commands waiting without crashing or dead-lettering them, and catches up by itself', async () => {
    const before = await sendCommand(aRegistration('21PA'));
    await eventually(() => replyTo(before), {
      what: 'a reply while all is well',
      timeoutMs: 30_000,
    });

    await killDatabase();
    const down = await eventually(
      async () => {
        const answer = await readiness(register.url);
        return answer.status === 503 ? answer : undefined;
      },
      { what: 'readiness to report the database down', timeoutMs: 30_000 },
    );
    expect(JSON.parse(down.body)).toMatchObject({
      checks: { database: 'down', broker: 'up' },
    });

    const during = [aRegistration('21PA'), aRegistration('21PA')];
    const commandIds = [];
    for (const body of during) commandIds.push(await sendCommand(body));
    // Long enough for a retry loop to show: the delivery limit would dead-letter them.
    await new Promise((resolveWait) => setTimeout(resolveWait, 15_000));
    expect(commandIds.map(replyTo)).toEqual([undefined, undefined]);
    expect(register.child.exitCode).toBeNull();
    expect(await probe.messageCount(deadLetterQueue(Queues.registerCommands))).toBe(0);

    ferret = await tool.startFerretdb({ port, dataDir });
    for (const commandId of commandIds) {
      const reply = await eventually(() => replyTo(commandId), {
        what: 'the held command answered after the database came back',
        timeoutMs: 60_000,
      });
      expect(reply.body).toMatchObject({ status: 'accepted' });
    }
    await eventually(
      async () => ((await readiness(register.url)).status === 200 ? true : undefined),
      { what: 'ready again', timeoutMs: 30_000 },
    );
    expect(await probe.messageCount(deadLetterQueue(Queues.registerCommands))).toBe(0);
    expect(register.child.exitCode).toBeNull();
  }, 180_000);
});
