import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import { Events, Exchanges, Queues } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import { PropagationConfig } from '../config/propagation.config';
import { HEALTHCARE_CROHO_CODES } from '../partners/domain/default-partners';
import { propagationService } from '../propagation.service';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
  uniqueName,
} from '@rod/testing';

function registered(crohoCode: string, sequence = 1): EventEnvelope {
  const resultSequence = uniqueName('P').replace(/[^A-Za-z0-9]/g, '');
  return createEnvelope({
    type: 'ResultRegistered',
    producer: 'register',
    correlationId: uniqueName('corr'),
    causationId: uniqueName('cmd'),
    resultId: `21PA-${resultSequence}`,
    institutionCode: '21PA',
    sequence,
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
}

describe('propagation: result events to partner queues (real broker and database)', () => {
  let app: INestApplication;
  let probe: BrokerProbe;
  let outbound: CapturedMessage[];

  const publishEvent = (event: EventEnvelope) => probe.publishEvent(event);

  const deliveriesOf = (resultId: string) =>
    outbound.filter((m) => (m.body as { resultId?: string }).resultId === resultId);

  beforeAll(async () => {
    ({ app } = await startInProcess(propagationService, PropagationConfig));
    probe = await BrokerProbe.connect(testAmqpUrl());
    outbound = await probe.capture(Exchanges.partnersOutbound);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
  });

  afterEach(() => expectAllKeepTheContract(outbound));

  it('delivers a healthcare result to cibg-big and mijnoverheid, into their inbox queues', async () => {
    const event = registered(HEALTHCARE_CROHO_CODES[0]);
    await publishEvent(event);
    const deliveries = await eventually(
      () => {
        const found = deliveriesOf(event.resultId!);
        return found.length === 2 ? found : undefined;
      },
      { what: 'two deliveries' },
    );
    expect(deliveries.map((d) => d.routingKey).sort()).toEqual(['cibg-big', 'mijnoverheid']);
    expect(deliveries[0].body).toMatchObject({
      kind: 'registration',
      eventId: event.eventId,
      institutionCode: '21PA',
      result: { person: { bsn: '123456782' } },
    });
    const inboxes = await Promise.all(
      ['cibg-big', 'mijnoverheid'].map(async (partner) =>
        (await probe.drain(Queues.partnerInbox(partner))).map((m) => m.body),
      ),
    );
    for (const inbox of inboxes) {
      expect(inbox).toEqual(
        expect.arrayContaining([expect.objectContaining({ resultId: event.resultId })]),
      );
    }
  });

  it('delivers a result of another programme to mijnoverheid only', async () => {
    const event = registered('34479');
    await publishEvent(event);
    await eventually(() => (deliveriesOf(event.resultId!).length >= 1 ? true : undefined), {
      what: 'a delivery',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveriesOf(event.resultId!).map((d) => d.routingKey)).toEqual(['mijnoverheid']);
  });

  it('delivers an event that arrives twice only once', async () => {
    const event = registered('34479');
    await publishEvent(event);
    await publishEvent(event);
    await eventually(() => (deliveriesOf(event.resultId!).length >= 1 ? true : undefined), {
      what: 'a delivery',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deliveriesOf(event.resultId!)).toHaveLength(1);
  });

  it('dead-letters an event that breaks the contract instead of applying it', async () => {
    const dlq = `${Queues.propagationResultEvents}.dlq`;
    const before = await probe.messageCount(dlq);
    const broken = { ...registered('34479'), sequence: 'one' };
    await probe.publishJson(
      Events.ResultRegistered.exchange,
      Events.ResultRegistered.routingKey,
      broken,
      {
        type: 'ResultRegistered',
      },
    );
    await probe.waitForDepth(dlq, before + 1);
  });
});
