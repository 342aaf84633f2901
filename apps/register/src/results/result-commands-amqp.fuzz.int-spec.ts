import type { INestApplication } from '@nestjs/common';
import type { CommandKey, CommandReplyV1 } from '@rod/contracts';
import {
  CommandClasses,
  Exchanges,
  Queues,
  RoutingKeys,
  deadLetterQueue,
  validateMessage,
} from '@rod/contracts';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  startInProcess,
  testAmqpUrl,
  testMongoUrl,
} from '@rod/testing';
import type { ConfirmChannel, ChannelModel, Options } from 'amqplib';
import { connect } from 'amqplib';
import fc from 'fast-check';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';
import { RegisterConfig } from '../config/register.config';
import { registerService } from '../register.service';

/**
 * Fuzz of the command queue (issue 8): random and malformed messages on
 * register.commands (bodies, routing keys, properties, headers), valid commands among
 * them. Every valid command gets its accepted reply, every invalid one that names 21PA
 * and has a message_id a rejected reply (CONTRACT.md), none an accepted one; the
 * consumer keeps going; nothing is stored from invalid input. The fixed hostile list of
 * test/e2e/hostile-commands.e2e-spec.ts is not repeated here: these are random
 * combinations. FUZZ_SEED=<n> replays a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const MESSAGES = Number(process.env.FUZZ_RUNS ?? 300);
/** One message in this many is a valid registration. */
const VALID_EVERY = 5;

const COMMANDS = Object.keys(CommandClasses) as CommandKey[];
const TYPES = COMMANDS.map((k) => CommandClasses[k].type);

interface Case {
  routingKey: string;
  content: Buffer;
  properties: Options.Publish;
  /** What the register must answer: accepted, rejected (with this message id), or nothing known. */
  expect: 'accepted' | 'rejected' | 'no-accepted';
}

const validRegistration = () => aRegistration('21PA');
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom({ $ne: null }, { $gt: '' }, [], null, '', 0, true),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
/** A command of any kind with one field broken, dropped, or added. */
const commandBody = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'institutionCode',
        'resultSequence',
        'person',
        'programme',
        'examDate',
        'studyMode',
        'extra',
        '$inc',
      ),
      jsonValue,
      fc.boolean(),
    )
    .map(([field, value, drop]) => {
      const body: Record<string, unknown> = { ...validRegistration() };
      if (drop) delete body[field];
      else body[field] = value;
      return body;
    }),
  fc.record(
    {
      institutionCode: fc.constantFrom('21PA', '22XY', '21pa'),
      resultSequence: fc.oneof(fc.stringMatching(/^[A-Z0-9]{1,20}$/), jsonValue),
      reason: fc.oneof(fc.constantFrom('duplicate', 'fraud', 'other'), jsonValue),
      explanation: fc.oneof(fc.string({ maxLength: 20 }), jsonValue),
      studyMode: jsonValue,
      acknowledgeIrreversible: jsonValue,
    },
    { requiredKeys: [] },
  ),
  jsonValue,
);
/** The bytes of a message: JSON of a command, any JSON, truncated, huge, or no JSON at all. */
const content = fc.oneof(
  { weight: 5, arbitrary: commandBody.map((b) => Buffer.from(JSON.stringify(b))) },
  {
    weight: 1,
    arbitrary: fc.tuple(commandBody, fc.nat()).map(([b, n]) => {
      const text = JSON.stringify(b) ?? '';
      return Buffer.from(text.slice(0, n % Math.max(text.length, 1)));
    }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(10, 2_000, 30_000)
      .map((d) => Buffer.from(`${'['.repeat(d)}${']'.repeat(d)}`)),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(1_000, 60_000, 70_000)
      .map((n) => Buffer.from(JSON.stringify({ ...validRegistration(), padding: 'é'.repeat(n) }))),
  },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
);
const routingKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...COMMANDS).map((c) => RoutingKeys.command('21PA', c)) },
  { weight: 1, arbitrary: fc.constantFrom(...COMMANDS).map((c) => RoutingKeys.command('22XY', c)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'institution.21PA.drop-database',
      'institution.21PA',
      'institution..register-result',
      'institution.21PA.register-result.extra',
      'institution.#',
    ),
  },
);
const properties: fc.Arbitrary<Options.Publish> = fc.record(
  {
    messageId: fc.oneof(
      fc.uuid(),
      fc.constant(''),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
    ),
    type: fc.oneof(fc.constantFrom(...TYPES), fc.string({ maxLength: 20 })),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', ''),
    contentEncoding: fc.constantFrom('gzip', 'utf-8', 'x-unknown'),
    correlationId: fc.string({ maxLength: 100 }),
    replyTo: fc.constantFrom(
      'no-such-queue',
      Queues.registerCommands,
      'amq.rabbitmq.reply-to.g1hkABCDEFG',
      '',
    ),
    timestamp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 31 })),
    priority: fc.integer({ min: 0, max: 255 }),
    // (The broker itself refuses malformed expirations and a bare direct reply-to.)
    expiration: fc.constantFrom('60000', '3600000'),
    headers: fc.dictionary(
      fc.string({ maxLength: 10 }),
      fc.oneof(fc.string(), fc.integer(), fc.boolean()),
    ),
    userId: fc.constant('guest'),
  },
  { requiredKeys: ['messageId'] },
);

function isJson(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

function hostileCase(): fc.Arbitrary<Case> {
  return fc.tuple(routingKey, content, properties).map(([key, bytes, props]) => {
    const namesInstitution = /^institution\.21PA\.[^.]+$/.test(key);
    const command = COMMANDS.find((c) => key === RoutingKeys.command('21PA', c));
    let body: unknown = undefined;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      // not JSON: rejected as malformed
    }
    const valid =
      command === 'register-result' &&
      bytes.length <= 64 * 1024 &&
      validateMessage(CommandClasses['register-result'], body).ok;
    // A valid registration whose message id repeats is a repeat; ids here are random.
    const expect: Case['expect'] = valid
      ? 'no-accepted' // may well be accepted: a random mutation that stayed valid
      : namesInstitution && typeof props.messageId === 'string' && props.messageId !== ''
        ? 'rejected'
        : 'no-accepted';
    return { routingKey: key, content: bytes, properties: props, expect };
  });
}

describe('register: fuzz of the command queue (real broker and database)', () => {
  let issuer: TestIssuer;
  let app: INestApplication;
  let database: Connection;
  let probe: BrokerProbe;
  let amqp: ChannelModel;
  let channel: ConfirmChannel;
  let replies: CapturedMessage[];

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    const started = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
      // Poison messages are logged as errors by design; the test checks the outcomes.
      LOG_LEVEL: process.env.TEST_SERVICE_LOG_LEVEL ?? 'fatal',
    });
    app = started.app;
    database = await createConnection(testMongoUrl(), {
      dbName: String(started.config.MONGO_DB),
    }).asPromise();
    probe = await BrokerProbe.connect(testAmqpUrl());
    replies = await probe.capture(Exchanges.registerReplies);
    amqp = await connect(testAmqpUrl());
    channel = await amqp.createConfirmChannel();
    channel.on('error', () => undefined);
    await probe.purgeIfExists(deadLetterQueue(Queues.registerCommands));
  });

  afterAll(async () => {
    await probe
      ?.purgeAll([
        deadLetterQueue(Queues.registerCommands),
        Queues.propagationResultEvents,
        Queues.reportingResultEvents,
        Queues.registerExtractStatus,
        Queues.helpdeskFraudReports,
      ])
      .catch(() => undefined);
    await channel?.close().catch(() => undefined);
    await amqp?.close().catch(() => undefined);
    await probe?.close();
    await database?.close();
    await app?.close();
    await issuer?.dispose();
  });

  const repliesTo = (commandId: string) =>
    replies.map((r) => r.body as CommandReplyV1).filter((r) => r.commandId === commandId);
  const results = () => database.db!.collection('results').countDocuments();

  it(`answers ${MESSAGES} random messages, valid ones among them, and stores only the valid`, async () => {
    const hostile = fc.sample(hostileCase(), { seed: SEED, numRuns: MESSAGES });
    const cases: Case[] = hostile.map((c, i) => {
      if (i % VALID_EVERY !== 0) return c;
      const messageId = `fuzz-valid-${SEED}-${i}`;
      return {
        routingKey: RoutingKeys.command('21PA', 'register-result'),
        content: Buffer.from(JSON.stringify(validRegistration())),
        properties: { messageId, type: 'RegisterResult', contentType: 'application/json' },
        expect: 'accepted',
      };
    });
    const before = await results();
    for (const c of cases) {
      channel.publish(Exchanges.registerCommands, c.routingKey, c.content, {
        persistent: true,
        ...c.properties,
      });
    }
    await channel.waitForConfirms();

    const failures: string[] = [];
    const describeCase = (c: Case, i: number) =>
      `case ${i} (seed ${SEED}): ${c.routingKey} ${JSON.stringify(c.properties).slice(0, 200)} ${c.content.toString('utf8').slice(0, 120)}`;
    const expectedReplies = cases
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.expect !== 'no-accepted');
    await eventually(
      () =>
        expectedReplies.every(({ c }) => repliesTo(String(c.properties.messageId)).length > 0)
          ? true
          : undefined,
      { what: 'a reply to every command that names 21PA', timeoutMs: 60_000 },
    ).catch(() => undefined);
    cases.forEach((c, i) => {
      const answers = repliesTo(String(c.properties.messageId));
      if (c.expect === 'accepted' && !answers.some((a) => a.status === 'accepted')) {
        failures.push(`no accepted reply: ${describeCase(c, i)} got ${JSON.stringify(answers)}`);
      }
      if (c.expect === 'rejected' && !answers.some((a) => a.status === 'rejected')) {
        failures.push(`no rejected reply: ${describeCase(c, i)} got ${JSON.stringify(answers)}`);
      }
      if (c.expect === 'rejected' && answers.some((a) => a.status === 'accepted')) {
        failures.push(`accepted an invalid message: ${describeCase(c, i)}`);
      }
    });
    expect(failures.slice(0, 10)).toEqual([]);

    // Whatever is no command at all (not JSON, too large, no known command) is kept for
    // operations in the dead-letter queue.
    const deadLetters = new Set(
      (await probe.drain(deadLetterQueue(Queues.registerCommands))).map(
        (m) => m.properties.messageId as string,
      ),
    );
    // Keys that do not match the queue's binding (institution.*.*) never reach the register.
    const reachesQueue = (key: string) => key.split('.').length === 3;
    const unreadable = cases.filter(
      (c) =>
        c.properties.messageId &&
        reachesQueue(c.routingKey) &&
        (c.content.length > 64 * 1024 ||
          !isJson(c.content) ||
          !COMMANDS.some((k) => c.routingKey.endsWith(`.${k}`))),
    );
    const lost = unreadable.filter((c) => !deadLetters.has(String(c.properties.messageId)));
    expect(lost.map((c) => `${c.routingKey} ${c.content.toString('utf8').slice(0, 80)}`)).toEqual(
      [],
    );

    // Only accepted registrations were stored.
    const acceptedRegistrations = new Set(
      replies
        .map((r) => r.body as CommandReplyV1)
        .filter((r) => r.status === 'accepted' && r.command === 'RegisterResult')
        .map((r) => r.commandId),
    ).size;
    expect((await results()) - before).toBe(acceptedRegistrations);

    // The consumer still runs: a command sent after all of them is answered.
    const last = `fuzz-last-${SEED}`;
    channel.publish(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      Buffer.from(JSON.stringify(validRegistration())),
      {
        messageId: last,
        type: 'RegisterResult',
        contentType: 'application/json',
        persistent: true,
      },
    );
    await channel.waitForConfirms();
    const answer = await eventually(() => repliesTo(last)[0], { what: 'the last reply' });
    expect(answer.status).toBe('accepted');
  });
});
