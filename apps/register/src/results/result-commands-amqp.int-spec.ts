import type { INestApplication } from '@nestjs/common';
import type { CommandReplyV1, EventEnvelope } from '@rod/contracts';
import { Exchanges, Queues, RoutingKeys, deadLetterQueue } from '@rod/contracts';
import type { CommandKey } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
} from '@rod/testing';
import { RegisterConfig } from '../config/register.config';
import { registerService } from '../register.service';

const TYPES: Record<CommandKey, string> = {
  'register-result': 'RegisterResult',
  'correct-result': 'CorrectResult',
  'delete-result': 'DeleteResult',
  'report-fraud': 'ReportFraud',
};

describe('register: commands on a result over AMQP (real broker and database)', () => {
  let app: INestApplication;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let replies: CapturedMessage[];
  let events: CapturedMessage[];

  const send = (
    command: CommandKey,
    body: object,
    options: { messageId?: string; institution?: string } = {},
  ) =>
    probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command(options.institution ?? '21PA', command),
      body,
      { type: TYPES[command], ...(options.messageId ? { messageId: options.messageId } : {}) },
    );
  const replyTo = async (commandId: string): Promise<CommandReplyV1> =>
    (
      await eventually(
        () => replies.find((r) => (r.body as CommandReplyV1).commandId === commandId),
        {
          what: `reply to ${commandId}`,
        },
      )
    ).body as CommandReplyV1;
  const eventsOf = (resultId: string) =>
    events.map((e) => e.body as EventEnvelope).filter((e) => e.resultId === resultId);
  const registered = async (): Promise<{ seq: string; resultId: string }> => {
    const body = aRegistration('21PA');
    const reply = await replyTo(await send('register-result', body));
    expect(reply.status).toBe('accepted');
    return { seq: String(body.resultSequence), resultId: `21PA-${String(body.resultSequence)}` };
  };
  const ids = (seq: string) => ({ institutionCode: '21PA', resultSequence: seq });

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

  afterEach(() => expectAllKeepTheContract([...replies, ...events]));

  it('corrects a result once, however often the same command arrives', async () => {
    const { seq, resultId } = await registered();
    const messageId = `correct-${seq}`;
    await send('correct-result', { ...ids(seq), examDate: '2026-07-01' }, { messageId });
    await send('correct-result', { ...ids(seq), examDate: '2026-07-01' }, { messageId });
    const reply = await replyTo(messageId);
    expect(reply).toMatchObject({ status: 'accepted', command: 'CorrectResult', resultId });
    await eventually(
      () =>
        replies.filter((r) => (r.body as CommandReplyV1).commandId === messageId).length === 2
          ? true
          : undefined,
      {
        what: 'the second reply',
      },
    );
    const answers = replies
      .filter((r) => (r.body as CommandReplyV1).commandId === messageId)
      .map((r) => r.body);
    expect(answers[1]).toEqual(answers[0]);
    await eventually(() => eventsOf(resultId).find((e) => e.type === 'ResultCorrected'), {
      what: 'ResultCorrected',
    });
    expect(eventsOf(resultId).filter((e) => e.type === 'ResultCorrected')).toHaveLength(1);
  });

  it('rejects a deletion with irreversible consequences, with the consequences, until acknowledged', async () => {
    const { seq, resultId } = await registered();
    const delivered = createEnvelope({
      type: 'DeliverySucceeded',
      producer: 'propagation',
      correlationId: 'c',
      causationId: 'c',
      resultId,
      institutionCode: '21PA',
      sequence: 1,
      data: {
        partnerId: 'cibg-big',
        kind: 'registration',
        deliveredEventId: 'e',
        deliveredAt: new Date().toISOString(),
        attempts: 1,
        canRetract: false,
      },
    });
    await probe.publishJson(Exchanges.propagationEvents, RoutingKeys.deliverySucceeded, delivered, {
      messageId: delivered.eventId,
      type: 'DeliverySucceeded',
    });
    const refused = await eventually(
      async () => {
        const reply = await replyTo(
          await send('delete-result', { ...ids(seq), reason: 'duplicate' }),
        );
        return reply.errors[0]?.code === 'irreversible-consequences' ? reply : undefined;
      },
      { what: 'a refused deletion' },
    );
    expect(refused.errors[0]?.details).toEqual({
      extractsIssued: 0,
      partnersHolding: [{ partnerId: 'cibg-big', canRetract: false }],
    });
    const accepted = await replyTo(
      await send('delete-result', {
        ...ids(seq),
        reason: 'duplicate',
        acknowledgeIrreversible: true,
      }),
    );
    expect(accepted.status).toBe('accepted');
    const deleted = await eventually(
      () => eventsOf(resultId).find((e) => e.type === 'ResultDeleted'),
      { what: 'ResultDeleted' },
    );
    expect(deleted.data).toMatchObject({
      acknowledgedIrreversible: true,
      consequences: { partnersHolding: [{ partnerId: 'cibg-big' }] },
    });
  });

  it('suspends a reported result, which the institution then cannot delete', async () => {
    const { seq, resultId } = await registered();
    expect(
      (await replyTo(await send('report-fraud', { ...ids(seq), explanation: 'forged' }))).status,
    ).toBe('accepted');
    await eventually(() => eventsOf(resultId).find((e) => e.type === 'ResultSuspended'), {
      what: 'ResultSuspended',
    });
    const reply = await replyTo(await send('delete-result', { ...ids(seq), reason: 'duplicate' }));
    expect(reply.errors[0]?.code).toBe('invalid-state');
  });

  it.each([
    ['correct-result', { studyMode: 'dual' }],
    ['delete-result', { reason: 'duplicate', acknowledgeIrreversible: true }],
    ['report-fraud', { explanation: 'x' }],
  ] as const)(
    "refuses %s on another institution's result as not-allowed",
    async (command, rest) => {
      const { seq, resultId } = await registered();
      const commandId = await send(command, { ...ids(seq), ...rest }, { institution: '22XY' });
      const reply = await eventually(
        () => replies.find((r) => (r.body as CommandReplyV1).commandId === commandId),
        { what: 'the rejection' },
      );
      expect(reply.routingKey).toBe('institution.22XY.rejected');
      expect((reply.body as CommandReplyV1).errors[0]?.code).toBe('not-allowed');
      expect(eventsOf(resultId).map((e) => e.type)).toEqual(['ResultRegistered']);
    },
  );

  it('answers a command on an unknown result with unknown-result', async () => {
    const reply = await replyTo(
      await send('correct-result', { ...ids('NOSUCHRESULT1'), studyMode: 'dual' }),
    );
    expect(reply.errors[0]?.code).toBe('unknown-result');
  });

  it('keeps a message that did not come through register.commands in the DLQ, unanswered', async () => {
    const before = await probe.messageCount(deadLetterQueue(Queues.registerCommands));
    const commandId = await probe.publishJson('', Queues.registerCommands, aRegistration('21PA'), {
      type: 'RegisterResult',
    });
    await probe.waitForDepth(deadLetterQueue(Queues.registerCommands), before + 1);
    expect(replies.find((r) => (r.body as CommandReplyV1).commandId === commandId)).toBeUndefined();
    await probe.drain(deadLetterQueue(Queues.registerCommands));
  });
});
