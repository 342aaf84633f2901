import { Exchanges, Queues, RoutingKeys, deadLetterQueue } from '@rod/contracts';
import type { CommandReplyV1 } from '@rod/contracts';
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

const TOTAL = 10_000;
/** One message in this many is a valid registration; the others are hostile. */
const VALID_EVERY = 20;

type Hostile = {
  name: string;
  routingKey: string;
  content: () => Buffer;
  /** Sent without a message_id. */
  anonymous?: boolean;
  /** Kept in register.commands.dlq (not JSON, too large, or no known command). */
  deadLetter?: boolean;
};

const key = (command: 'register-result' | 'correct-result' | 'delete-result') =>
  RoutingKeys.command('21PA', command);
const json = (value: unknown) => () => Buffer.from(JSON.stringify(value));
const valid = () => aRegistration('21PA');

/** Every kind of bad input an institution's software (or an attacker) could send. */
const HOSTILE: Hostile[] = [
  {
    name: 'not JSON',
    routingKey: key('register-result'),
    content: () => Buffer.from('{"institutionCode": '),
    deadLetter: true,
  },
  {
    name: 'binary garbage',
    routingKey: key('register-result'),
    content: () => Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    deadLetter: true,
  },
  { name: 'a JSON array', routingKey: key('register-result'), content: json([valid()]) },
  { name: 'a JSON string', routingKey: key('register-result'), content: json('register me') },
  { name: 'null', routingKey: key('register-result'), content: json(null) },
  {
    name: 'wrong types',
    routingKey: key('register-result'),
    content: () => json({ ...valid(), resultSequence: 123, studyMode: true })(),
  },
  {
    name: 'an operator key at the top',
    routingKey: key('register-result'),
    content: () => json({ ...valid(), $where: 'sleep(1000)' })(),
  },
  {
    name: 'an operator in a nested field',
    routingKey: key('register-result'),
    content: () => json({ ...valid(), person: { bsn: { $ne: null } } })(),
  },
  {
    name: 'an operator in a correction',
    routingKey: key('correct-result'),
    content: json({ institutionCode: '21PA', resultSequence: { $gt: '' }, studyMode: 'dual' }),
  },
  {
    name: 'a dotted key',
    routingKey: key('register-result'),
    content: () => json({ ...valid(), 'person.bsn': '111222333' })(),
  },
  {
    name: 'a __proto__ key',
    routingKey: key('register-result'),
    content: () =>
      Buffer.from(JSON.stringify(valid()).replace('{', '{"__proto__":{"admin":true},')),
  },
  {
    name: 'an unknown field',
    routingKey: key('register-result'),
    content: () => json({ ...valid(), grade: 10 })(),
  },
  {
    name: 'a BSN failing the 11-check',
    routingKey: key('register-result'),
    content: () => json({ ...valid(), person: { bsn: '123456789' } })(),
  },
  {
    name: 'both person numbers',
    routingKey: key('register-result'),
    content: () =>
      json({ ...valid(), person: { bsn: '111222333', educationNumber: '100087109' } })(),
  },
  {
    name: 'an exam date in the future',
    routingKey: key('register-result'),
    content: () => json({ ...valid(), examDate: '2999-01-01' })(),
  },
  {
    name: 'the fraud reason from an institution',
    routingKey: key('delete-result'),
    content: json({ institutionCode: '21PA', resultSequence: 'X1', reason: 'fraud' }),
  },
  {
    name: "another institution's result",
    routingKey: RoutingKeys.command('22XY', 'register-result'),
    content: () => json(valid())(),
  },
  {
    name: 'an unknown command',
    routingKey: 'institution.21PA.drop-database',
    content: () => json(valid())(),
    deadLetter: true,
  },
  {
    name: 'no message_id',
    routingKey: key('register-result'),
    content: () => json(valid())(),
    anonymous: true,
  },
  {
    name: 'a deeply nested body',
    routingKey: key('register-result'),
    content: () => Buffer.from(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`),
  },
];
/** Oversized messages (over 64 KiB) are rarer, to keep the run's traffic reasonable. */
const OVERSIZED: Hostile = {
  name: 'over 64 KiB',
  routingKey: key('register-result'),
  content: () => json({ ...valid(), padding: 'x'.repeat(70 * 1024) })(),
  deadLetter: true,
};

function messageAt(i: number): { kind: 'valid' } | { kind: 'hostile'; hostile: Hostile } {
  if (i % VALID_EVERY === 0) return { kind: 'valid' };
  if (i % 250 === 1) return { kind: 'hostile', hostile: OVERSIZED };
  return { kind: 'hostile', hostile: HOSTILE[i % HOSTILE.length] };
}

describe('10,000 hostile commands in a row (register as a process, real broker and database)', () => {
  let register: RunningService;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  const replies: CapturedMessage[] = [];

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    register = await startServiceProcess('register', issuer.env());
    probe = await BrokerProbe.connect(testAmqpUrl());
    await probe.capture(Exchanges.registerReplies, '#', replies);
    await probe.drain(deadLetterQueue(Queues.registerCommands));
  });

  afterAll(async () => {
    // The e2e tests share a vhost: leave register.commands.dlq as this test found it.
    await probe?.drain(deadLetterQueue(Queues.registerCommands));
    await probe?.close();
    if (register) expect([0, 'SIGTERM']).toContain(await stopServiceProcess(register));
    await issuer?.dispose();
  });

  it('rejects every hostile message and accepts every valid one mixed among them', async () => {
    const validIds = new Set<string>();
    const hostileIds = new Map<string, string>();
    let deadLetters = 0;
    let anonymous = 0;
    for (let i = 0; i < TOTAL; i++) {
      const message = messageAt(i);
      if (message.kind === 'valid') {
        validIds.add(
          await probe.publishJson(Exchanges.registerCommands, key('register-result'), valid(), {
            type: 'RegisterResult',
          }),
        );
        continue;
      }
      const { hostile } = message;
      const messageId = hostile.anonymous ? undefined : `hostile-${i}`;
      if (messageId) hostileIds.set(messageId, hostile.name);
      else anonymous++;
      if (hostile.deadLetter) deadLetters++;
      await probe.publishRaw(Exchanges.registerCommands, hostile.routingKey, hostile.content(), {
        ...(messageId ? { messageId } : {}),
      });
    }

    const byId = new Map<string, CommandReplyV1>();
    await eventually(
      () => {
        for (const reply of replies.splice(0)) {
          const body = reply.body as CommandReplyV1;
          byId.set(body.commandId || `anonymous-${byId.size}`, body);
        }
        return byId.size >= TOTAL ? true : undefined;
      },
      { what: `a reply to each of ${TOTAL} commands`, timeoutMs: 150_000, intervalMs: 500 },
    );

    const notAccepted = [...validIds].filter((id) => byId.get(id)?.status !== 'accepted');
    expect(notAccepted).toEqual([]);
    expect(validIds.size).toBe(TOTAL / VALID_EVERY);
    const notRejected = [...hostileIds].filter(([id]) => byId.get(id)?.status !== 'rejected');
    expect(notRejected).toEqual([]);
    expect([...byId.keys()].filter((id) => id.startsWith('anonymous-'))).toHaveLength(anonymous);

    // What could not be read as a command is kept for operations.
    expect(
      await probe.waitForDepth(deadLetterQueue(Queues.registerCommands), deadLetters, 30_000),
    ).toBe(deadLetters);
    const ready = await fetch(`${register.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(register.child.exitCode).toBeNull();
  });
});
