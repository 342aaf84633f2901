import { readFileSync } from 'node:fs';
import { Exchanges, Queues, RoutingKeys } from '@rod/contracts';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';
import type { CapturedMessage, RunningService } from '@rod/testing';
import {
  BrokerProbe,
  SERVICES,
  TestIssuer,
  eventually,
  expectAllKeepTheContract,
  startServiceProcess,
  stopServiceProcess,
  testAmqpUrl,
  testMongoUrl,
  uniqueName,
} from '@rod/testing';

/** A BSN that passes the 11-check, used nowhere else: it must appear in no log. */
const BSN = '111222333';

const command = (resultSequence: string) => ({
  institutionCode: '21PA',
  resultSequence,
  person: { bsn: BSN },
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-07-03',
  studyMode: 'full-time',
});

describe('the first result, end to end through the three services as processes', () => {
  let services: Record<(typeof SERVICES)[number], RunningService>;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let reporting: Connection;
  const captured: CapturedMessage[] = [];

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    const started = await Promise.all(
      SERVICES.map((name) => startServiceProcess(name, issuer.env())),
    );
    services = Object.fromEntries(started.map((s) => [s.name, s])) as typeof services;
    probe = await BrokerProbe.connect(testAmqpUrl());
    for (const exchange of [
      Exchanges.registerReplies,
      Exchanges.resultsEvents,
      Exchanges.partnersOutbound,
    ]) {
      await probe.capture(exchange, '#', captured);
    }
    reporting = await createConnection(testMongoUrl(), {
      dbName: services.reporting.database,
    }).asPromise();
  });

  afterAll(async () => {
    await probe?.close();
    await reporting?.close();
    const codes = await Promise.all(Object.values(services ?? {}).map(stopServiceProcess));
    for (const code of codes) expect([0, 'SIGTERM']).toContain(code);
    await issuer?.dispose();
  });

  it('takes a register-result published with plain amqplib: accepted reply, partner inbox, counted by reporting', async () => {
    const replies = await probe.replyQueue();
    const resultSequence = uniqueName('E').replace(/[^A-Za-z0-9]/g, '');
    const resultId = `21PA-${resultSequence}`;
    const commandId = await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      command(resultSequence),
      { type: 'RegisterResult', replyTo: replies.queue },
    );

    const reply = await eventually(() => replies.messages[0], { what: 'the reply' });
    expect(reply.body).toEqual({
      commandId,
      command: 'RegisterResult',
      status: 'accepted',
      resultId,
      errors: [],
    });

    const delivery = await eventually(
      async () =>
        (await probe.drain(Queues.partnerInbox('mijnoverheid'))).find(
          (m) => (m.body as { resultId: string }).resultId === resultId,
        ),
      { what: 'the delivery in partner.mijnoverheid.inbox' },
    );
    expect(delivery.body).toMatchObject({
      partnerId: 'mijnoverheid',
      kind: 'registration',
      resultId,
    });

    const counted = await eventually(
      async () =>
        (await reporting.collection('results').findOne({ _id: resultId as never })) ?? undefined,
      { what: 'reporting to count the result' },
    );
    expect(counted).toMatchObject({
      lastSequence: 1,
      state: { institutionCode: '21PA', status: 'registered' },
    });
  });

  it('answers an invalid register-result with a rejected reply listing the errors', async () => {
    const replies = await probe.replyQueue();
    await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command('21PA', 'register-result'),
      {
        ...command('E2EINVALID'),
        examDate: '2999-01-01',
        programme: { crohoCode: '1', level: 'MBO', examType: 'bachelor' },
      },
      { type: 'RegisterResult', replyTo: replies.queue },
    );
    const reply = await eventually(() => replies.messages[0], { what: 'the reply' });
    const body = reply.body as { status: string; errors: { code: string; field: string }[] };
    expect(body.status).toBe('rejected');
    expect(body.errors.map((e) => e.field).sort()).toEqual([
      'examDate',
      'programme.crohoCode',
      'programme.level',
    ]);
  });

  it('publishes only messages that keep the contract, and logs no personal number', async () => {
    // Two replies, the event and the partner delivery of the tests above.
    await eventually(() => (captured.length >= 4 ? true : undefined), {
      what: 'captured messages',
    });
    expectAllKeepTheContract(captured);
    for (const service of Object.values(services)) {
      expect(readFileSync(service.logFile, 'utf8')).not.toContain(BSN);
    }
  });
});
