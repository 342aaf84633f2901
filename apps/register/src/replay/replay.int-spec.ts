import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import {
  Exchanges,
  ReplayCompletedV1,
  amsterdamMidnight,
  amsterdamToday,
  validateEvent,
  validateMessage,
} from '@rod/contracts';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
  uniqueName,
} from '@rod/testing';
import { RegisterConfig } from '../config/register.config';
import { registerService } from '../register.service';

interface Answer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

interface Replayed {
  events: CapturedMessage[];
  marker: CapturedMessage;
}

describe('register: replaying its stored events to a queue (real broker and database)', () => {
  let app: INestApplication;
  let url: string;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let originals: CapturedMessage[];
  let institution: string;
  let helpdesk: string;
  let ops: string;
  const queues: string[] = [];
  /** Every result this file registers: the register's database holds these and no others. */
  const resultIds: string[] = [];

  const call = async (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  /** The answer of a call that must succeed. */
  const ok = async (pending: Promise<Answer>): Promise<Answer> => {
    const answer = await pending;
    if (answer.status >= 300) {
      throw new Error(`expected success, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer;
  };
  const resultPath = (resultId: string) =>
    `/v1/institutions/21PA/results/${resultId.slice('21PA-'.length)}`;

  const register = async (): Promise<string> => {
    const body = aRegistration('21PA');
    await ok(call('POST', '/v1/institutions/21PA/results', institution, body));
    const resultId = `21PA-${String(body.resultSequence)}`;
    resultIds.push(resultId);
    return resultId;
  };

  /** The live events of our results, as captured from `results.events`. */
  const originalEvents = (): EventEnvelope[] =>
    originals
      .map((m) => m.body as EventEnvelope)
      .filter((e) => e.resultId !== null && resultIds.includes(e.resultId));
  const waitForOriginals = (count: number) =>
    eventually(() => (originalEvents().length >= count ? true : undefined), {
      what: `${count} live events`,
    });

  const declareQueue = async (): Promise<string> => {
    const queue = uniqueName('replay-test');
    await probe.channel.assertQueue(queue, { durable: true });
    queues.push(queue);
    return queue;
  };

  const replay = (queue: string, extra: Record<string, unknown> = {}, token: string | null = ops) =>
    call('POST', '/v1/replays', token, { queue, ...extra });

  /** Reads the queue up to the marker of the replay. */
  const readReplay = async (queue: string): Promise<Replayed> => {
    const taken: CapturedMessage[] = [];
    await eventually(
      async () => {
        taken.push(...(await probe.drain(queue)));
        return taken.some((m) => m.properties.type === 'ReplayCompleted') ? true : undefined;
      },
      { timeoutMs: 30_000, what: `the ReplayCompleted marker in ${queue}` },
    );
    const marker = taken.at(-1) as CapturedMessage;
    expect(marker.properties.type).toBe('ReplayCompleted');
    return { events: taken.slice(0, -1), marker };
  };

  const comparable = (e: EventEnvelope) => ({
    eventId: e.eventId,
    type: e.type,
    sequence: e.sequence,
    occurredAt: e.occurredAt,
    resultId: e.resultId,
    institutionCode: e.institutionCode,
    data: e.data,
  });

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    ({ app, url } = await startInProcess(registerService, RegisterConfig, issuer.env() as never));
    probe = await BrokerProbe.connect(testAmqpUrl());
    originals = await probe.capture(Exchanges.resultsEvents);
    institution = await issuer.token({ roles: ['institution'], institutionCode: '21PA' });
    helpdesk = await issuer.token({ roles: ['helpdesk'], sub: 'helpdesk-1' });
    ops = await issuer.token({ roles: ['ops'], sub: 'ops-1' });

    // A few lives: registered only; corrected twice; deleted with irreversible consequences
    // acknowledged; reported for fraud, dismissed, reported again and confirmed.
    await register();
    const corrected = await register();
    await ok(call('PATCH', resultPath(corrected), institution, { studyMode: 'dual' }));
    await ok(call('PATCH', resultPath(corrected), institution, { examDate: '2026-07-01' }));
    const deleted = await register();
    await ok(
      call('DELETE', resultPath(deleted), institution, {
        reason: 'duplicate',
        acknowledgeIrreversible: true,
      }),
    );
    const fraud = await register();
    const report = { explanation: 'the certificate was forged' };
    await ok(call('POST', `${resultPath(fraud)}/fraud-reports`, institution, report));
    const decide = (decision: string) =>
      ok(
        call('POST', `/v1/helpdesk/fraud-reports/${fraud}/decision`, helpdesk, {
          decision,
          explanation: 'decided by the exam board',
        }),
      );
    await decide('dismiss');
    await ok(call('POST', `${resultPath(fraud)}/fraud-reports`, institution, report));
    await decide('confirm');
    await waitForOriginals(1 + 3 + 2 + 5);
  });

  afterAll(async () => {
    for (const queue of queues) await probe?.channel.deleteQueue(queue).catch(() => undefined);
    await probe?.close();
    await app?.close();
    await issuer?.dispose();
  });

  afterEach(() => expectAllKeepTheContract(originals));

  it('replays every stored event as the event it was, per result in sequence order, then the marker', async () => {
    const queue = await declareQueue();
    const answer = await replay(queue);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ replayId: expect.any(String), queue, from: null });
    const replayId = answer.body.replayId as string;

    const { events, marker } = await readReplay(queue);
    const bodies = events.map((m) => m.body as EventEnvelope);

    // The same events, byte for byte where it matters, and nothing else.
    const live = originalEvents();
    expect(live).toHaveLength(11);
    expect(bodies.map(comparable).sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(
      live.map(comparable).sort((a, b) => a.eventId.localeCompare(b.eventId)),
    );
    for (const body of bodies) {
      expect(validateEvent(body)).toMatchObject({ ok: true });
      expect(body).toMatchObject({
        schemaVersion: 1,
        producer: 'register',
        correlationId: replayId,
        causationId: replayId,
      });
    }
    for (const message of events) {
      const body = message.body as EventEnvelope;
      expect(message.properties).toMatchObject({
        messageId: body.eventId,
        type: body.type,
        correlationId: replayId,
        contentType: 'application/json',
        deliveryMode: 2,
        timestamp: expect.any(Number),
      });
    }

    // Results in _id order, and each result's events in sequence order, 1 to n.
    const order = [...new Set(bodies.map((b) => b.resultId as string))];
    expect(order).toEqual([...resultIds].sort());
    for (const resultId of resultIds) {
      const sequences = bodies.filter((b) => b.resultId === resultId).map((b) => b.sequence);
      expect({ resultId, sequences }).toEqual({
        resultId,
        sequences: sequences.map((_s, i) => i + 1),
      });
    }

    expect(marker.properties).toMatchObject({
      type: 'ReplayCompleted',
      correlationId: replayId,
      contentType: 'application/json',
      deliveryMode: 2,
      messageId: expect.any(String),
    });
    expect(marker.body).toEqual({
      replayId,
      queue,
      from: null,
      results: 4,
      events: 11,
      completedAt: expect.any(String),
    });
    expect(validateMessage(ReplayCompletedV1, marker.body)).toMatchObject({ ok: true });
    expect(await probe.messageCount(queue)).toBe(0);
  });

  it('replays only the events at or after from, an instant or a date', async () => {
    const resultId = await register();
    await waitForOriginals(12);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cut = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ok(call('PATCH', resultPath(resultId), institution, { studyMode: 'part-time' }));
    await waitForOriginals(13);
    const correction = originalEvents().find(
      (e) => e.resultId === resultId && e.type === 'ResultCorrected',
    ) as EventEnvelope;

    const fromInstant = await declareQueue();
    const answer = await replay(fromInstant, { from: cut });
    expect(answer).toMatchObject({ status: 202, body: { from: cut } });
    const sinceCut = await readReplay(fromInstant);
    expect(sinceCut.events.map((m) => comparable(m.body as EventEnvelope))).toEqual([
      comparable(correction),
    ]);
    expect(sinceCut.marker.body).toMatchObject({ from: cut, results: 1, events: 1 });

    // A date is midnight in Amsterdam: from tomorrow on there is nothing yet.
    const tomorrow = amsterdamToday(new Date(Date.now() + 86_400_000));
    const fromDate = await declareQueue();
    expect((await replay(fromDate, { from: tomorrow })).status).toBe(202);
    const none = await readReplay(fromDate);
    expect(none.events).toEqual([]);
    expect(none.marker.body).toMatchObject({
      from: new Date(amsterdamMidnight(tomorrow)).toISOString(),
      results: 0,
      events: 0,
    });
  });

  it('replays to a queue exclusive to the caller’s own connection', async () => {
    // Server-named queues are amq.gen-…, which a replay refuses: the operator names it.
    const queue = uniqueName('replay-exclusive');
    await probe.channel.assertQueue(queue, { exclusive: true, autoDelete: true });
    const messages: { type: unknown; body: unknown }[] = [];
    await probe.channel.consume(
      queue,
      (m) =>
        m && messages.push({ type: m.properties.type, body: JSON.parse(m.content.toString()) }),
      { noAck: true },
    );
    const answer = await replay(queue);
    expect(answer.status).toBe(202);
    const marker = await eventually(() => messages.find((m) => m.type === 'ReplayCompleted'), {
      timeoutMs: 30_000,
      what: 'the marker on the exclusive queue',
    });
    expect(marker.body).toMatchObject({
      replayId: answer.body.replayId,
      results: resultIds.length,
    });
    expect(messages.length - 1).toBe((marker.body as ReplayCompletedV1).events);
  });

  it.each([
    ['no token', () => Promise.resolve(null), 401],
    ['an institution', () => Promise.resolve(institution), 403],
    ['the helpdesk', () => Promise.resolve(helpdesk), 403],
  ])('refuses %s, sending nothing', async (_who, tokenOf, status) => {
    const queue = await declareQueue();
    const answer = await replay(queue, {}, await tokenOf());
    expect(answer.status).toBe(status);
    expect(answer.type).toContain('application/problem+json');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await probe.messageCount(queue)).toBe(0);
  });

  it('answers 404 unknown-queue for a queue the broker does not have, keeping its own connection', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const answer = await replay(uniqueName('no-such-queue'));
      expect(answer.status).toBe(404);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body).toMatchObject({
        type: 'https://rod.example/problems/unknown-queue',
        status: 404,
      });
      // The passive declare closed a channel of its own, never the service's connection.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const disconnects = warn.mock.calls.filter(
        ([entry]) => (entry as { msg?: unknown } | undefined)?.msg === 'broker disconnected',
      );
      expect(disconnects).toEqual([]);
    } finally {
      warn.mockRestore();
    }
    const queue = await declareQueue();
    expect((await replay(queue)).status).toBe(202);
    await readReplay(queue);
  });

  it.each([
    ['the register’s command queue', { queue: 'register.commands' }, 'queue'],
    ['the register’s dead letters', { queue: 'register.commands.dlq' }, 'queue'],
    ['a queue reserved by the broker', { queue: 'amq.rabbitmq.reply-to' }, 'queue'],
    ['a name that is no queue name', { queue: 'a queue with spaces' }, 'queue'],
    ['no queue', {}, 'queue'],
    ['a from that is no instant', { queue: 'reporting.result-events', from: 'yesterday' }, 'from'],
    ['an unknown field', { queue: 'reporting.result-events', to: '2026-05-01' }, 'to'],
  ])('answers 400 for %s', async (_name, body, field) => {
    const answer = await call('POST', '/v1/replays', ops, body);
    expect(answer.status).toBe(400);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body).toMatchObject({
      type: 'https://rod.example/problems/validation',
      errors: expect.arrayContaining([expect.objectContaining({ code: 'validation', field })]),
    });
  });

  it('describes POST /v1/replays at /docs-json with the contract classes', async () => {
    const document = (await call('GET', '/docs-json', null)).body as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths['/v1/replays'] ?? {})).toEqual(['post']);
    expect(document.components.schemas).toHaveProperty('ReplayRequestV1');
    expect(document.components.schemas).toHaveProperty('ReplayCompletedV1');
  });
});
