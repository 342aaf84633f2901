import type { INestApplication } from '@nestjs/common';
import { Exchanges, Queues, RoutingKeys, deadLetterQueue } from '@rod/contracts';
import { RegisterConfig } from '../config/register.config';
import { registerService } from '../register.service';
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

const validBody = (resultSequence: string, institutionCode = '21PA') => ({
  institutionCode,
  resultSequence,
  person: { bsn: '123456782' },
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-07-03',
  studyMode: 'full-time',
});

const sequence = () => uniqueName('R').replace(/[^A-Za-z0-9]/g, '');

describe('register: register-result over AMQP (real broker and database)', () => {
  let app: INestApplication;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let replies: CapturedMessage[];
  let events: CapturedMessage[];

  const replyTo = (commandId: string) =>
    eventually(
      () => replies.find((r) => (r.body as { commandId?: string }).commandId === commandId),
      {
        what: `reply to ${commandId}`,
      },
    );

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ({ app } = await startInProcess(registerService, RegisterConfig, issuer.env() as never));
    probe = await BrokerProbe.connect(testAmqpUrl());
    replies = await probe.capture(Exchanges.registerReplies);
    events = await probe.capture(Exchanges.resultsEvents);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await issuer?.dispose();
  });

  afterEach(() => {
    expectAllKeepTheContract([...replies, ...events]);
  });

  it('accepts a valid registration, replies on register.replies and to reply_to, and emits ResultRegistered', async () => {
    const direct = await probe.replyQueue();
    const seq = sequence();
    const commandId = await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      validBody(seq),
      { type: 'RegisterResult', replyTo: direct.queue, correlationId: 'corr-1' },
    );

    const reply = await replyTo(commandId);
    expect(reply.routingKey).toBe('institution.21PA.accepted');
    expect(reply.properties.correlationId).toBe('corr-1');
    expect(reply.body).toEqual({
      commandId,
      command: 'RegisterResult',
      status: 'accepted',
      resultId: `21PA-${seq}`,
      errors: [],
    });
    const directReply = await eventually(() => direct.messages[0], { what: 'direct reply' });
    expect(directReply.body).toEqual(reply.body);

    const event = await eventually(
      () => events.find((e) => (e.body as { resultId?: string }).resultId === `21PA-${seq}`),
      { what: 'ResultRegistered' },
    );
    expect(event.routingKey).toBe(RoutingKeys.resultRegistered);
    expect(event.body).toMatchObject({
      type: 'ResultRegistered',
      producer: 'register',
      sequence: 1,
      institutionCode: '21PA',
      correlationId: 'corr-1',
      causationId: commandId,
      data: { resultSequence: seq, person: { bsn: '123456782' }, late: true },
    });
    expect(event.properties.messageId).toBe((event.body as { eventId: string }).eventId);
  });

  it('rejects an invalid command with validation errors naming the fields, and stores nothing', async () => {
    const seq = sequence();
    const body = { ...validBody(seq), person: { bsn: '123456789' }, studyMode: 'sometimes' };
    const commandId = await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      body,
    );

    const reply = await replyTo(commandId);
    expect(reply.routingKey).toBe('institution.21PA.rejected');
    const { status, errors } = reply.body as {
      status: string;
      errors: { code: string; field: string }[];
    };
    expect(status).toBe('rejected');
    expect(errors.map((e) => [e.code, e.field])).toEqual(
      expect.arrayContaining([
        ['validation', 'person.bsn'],
        ['validation', 'studyMode'],
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.some((e) => (e.body as { resultId?: string }).resultId === `21PA-${seq}`)).toBe(
      false,
    );
  });

  it('has effect once for a repeated message_id and answers the repeat with the first reply', async () => {
    const seq = sequence();
    const key = RoutingKeys.command('21PA', 'register-result');
    const commandId = await probe.publishJson(Exchanges.registerCommands, key, validBody(seq));
    await replyTo(commandId);
    await probe.publishJson(Exchanges.registerCommands, key, validBody(seq), {
      messageId: commandId,
    });

    await eventually(
      () =>
        replies.filter((r) => (r.body as { commandId: string }).commandId === commandId).length ===
        2
          ? true
          : undefined,
      { what: 'second reply' },
    );
    const answers = replies.filter(
      (r) => (r.body as { commandId: string }).commandId === commandId,
    );
    expect(answers[1].body).toEqual(answers[0].body);
    expect((answers[1].body as { status: string }).status).toBe('accepted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      events.filter((e) => (e.body as { resultId?: string }).resultId === `21PA-${seq}`),
    ).toHaveLength(1);
  });

  it('answers already-exists for the same result under a new message_id', async () => {
    const seq = sequence();
    const key = RoutingKeys.command('21PA', 'register-result');
    await replyTo(await probe.publishJson(Exchanges.registerCommands, key, validBody(seq)));
    const second = await replyTo(
      await probe.publishJson(Exchanges.registerCommands, key, validBody(seq)),
    );
    expect(second.body).toMatchObject({ status: 'rejected', errors: [{ code: 'already-exists' }] });
  });

  it('refuses a command for another institution than the routing key names', async () => {
    const commandId = await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      validBody(sequence(), '30XY'),
    );
    const reply = await replyTo(commandId);
    expect(reply.routingKey).toBe('institution.21PA.rejected');
    expect(reply.body).toMatchObject({ status: 'rejected', errors: [{ code: 'not-allowed' }] });
  });

  it('answers a non-JSON message with malformed-message and keeps it in register.commands.dlq', async () => {
    const dlq = deadLetterQueue(Queues.registerCommands);
    const before = await probe.messageCount(dlq);
    const messageId = uniqueName('garbage');
    await probe.publishRaw(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      Buffer.from('{not json'),
      {
        messageId,
      },
    );
    const reply = await replyTo(messageId);
    expect(reply.body).toMatchObject({
      status: 'rejected',
      errors: [{ code: 'malformed-message' }],
    });
    await probe.waitForDepth(dlq, before + 1);
  });

  it('keeps processing valid commands behind a burst of bad ones', async () => {
    const key = RoutingKeys.command('21PA', 'register-result');
    const good: string[] = [];
    for (let i = 0; i < 20; i++) {
      await probe.publishRaw(Exchanges.registerCommands, key, Buffer.from(`bad ${i}`), {
        messageId: uniqueName('bad'),
      });
      await probe.publishJson(Exchanges.registerCommands, key, {
        ...validBody(sequence()),
        $where: 'sleep(1)',
      });
      good.push(await probe.publishJson(Exchanges.registerCommands, key, validBody(sequence())));
    }
    for (const commandId of good) {
      expect((await replyTo(commandId)).body).toMatchObject({ status: 'accepted' });
    }
  });
});

describe('register: broker user check (REGISTER_REQUIRE_USER_ID)', () => {
  let app: INestApplication;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let replies: CapturedMessage[];

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ({ app } = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
      REGISTER_REQUIRE_USER_ID: true,
    }));
    probe = await BrokerProbe.connect(testAmqpUrl());
    replies = await probe.capture(Exchanges.registerReplies);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await issuer?.dispose();
  });

  it("refuses a command whose validated user_id is not the institution's broker user", async () => {
    // The broker validates user_id against the connection's user (guest here), so a
    // command from guest can never pass as inst-21PA.
    const commandId = await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      validBody(sequence()),
      { userId: 'guest' },
    );
    const reply = await eventually(
      () => replies.find((r) => (r.body as { commandId?: string }).commandId === commandId),
      { what: 'reply' },
    );
    expect(reply.body).toMatchObject({ status: 'rejected', errors: [{ code: 'not-allowed' }] });
  });
});
