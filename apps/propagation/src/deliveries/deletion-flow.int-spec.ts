import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import { Exchanges, PropagationQueues } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  eventually,
  expectAllKeepTheContract,
  startInProcess,
  testAmqpUrl,
  uniqueName,
} from '@rod/testing';
import { PropagationConfig } from '../config/propagation.config';
import { HEALTHCARE_CROHO_CODES } from '../partners/domain/default-partners';
import { propagationService } from '../propagation.service';

const programme = { crohoCode: HEALTHCARE_CROHO_CODES[0], level: 'HBO', examType: 'bachelor' };

function resultEvent(
  resultId: string,
  type: 'ResultRegistered' | 'ResultDeleted',
  sequence: number,
  data: object,
): EventEnvelope {
  return createEnvelope({
    type,
    producer: 'register',
    correlationId: uniqueName('corr'),
    causationId: uniqueName('cmd'),
    resultId,
    institutionCode: '21PA',
    sequence,
    data,
  });
}

describe('propagation: deletion after delivery (real broker and database)', () => {
  let app: INestApplication;
  let probe: BrokerProbe;
  let outbound: CapturedMessage[];
  let events: CapturedMessage[];

  const publish = (event: EventEnvelope) => probe.publishEvent(event);
  const deliveriesTo = (resultId: string, partnerId: string) =>
    outbound
      .filter((m) => m.routingKey === partnerId)
      .map((m) => m.body as { resultId: string; kind: string; deliveryId: string })
      .filter((d) => d.resultId === resultId);
  const eventsOf = (resultId: string) =>
    events.map((m) => m.body as EventEnvelope).filter((e) => e.resultId === resultId);

  beforeAll(async () => {
    ({ app } = await startInProcess(propagationService, PropagationConfig));
    probe = await BrokerProbe.connect(testAmqpUrl());
    outbound = await probe.capture(Exchanges.partnersOutbound);
    events = await probe.capture(Exchanges.propagationEvents);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
  });

  afterEach(() => expectAllKeepTheContract([...outbound, ...events]));

  it('retracts from mijnoverheid and flags cibg-big exactly once', async () => {
    const sequence = uniqueName('D').replace(/[^A-Za-z0-9]/g, '');
    const resultId = `21PA-${sequence}`;
    await publish(
      resultEvent(resultId, 'ResultRegistered', 1, {
        resultSequence: sequence,
        person: { bsn: '123456782' },
        programme,
        examDate: '2026-07-03',
        studyMode: 'full-time',
        registeredAt: new Date().toISOString(),
        late: false,
      }),
    );
    await eventually(
      () =>
        eventsOf(resultId).filter((e) => e.type === 'DeliverySucceeded').length === 2
          ? true
          : undefined,
      { what: 'both registrations delivered' },
    );
    expect(
      eventsOf(resultId)
        .map((e) => e.data as { partnerId: string; canRetract: boolean })
        .sort((a, b) => a.partnerId.localeCompare(b.partnerId)),
    ).toEqual([
      expect.objectContaining({ partnerId: 'cibg-big', canRetract: false, kind: 'registration' }),
      expect.objectContaining({
        partnerId: 'mijnoverheid',
        canRetract: true,
        kind: 'registration',
      }),
    ]);

    const deletion = resultEvent(resultId, 'ResultDeleted', 2, {
      reason: 'duplicate',
      deletedAt: new Date().toISOString(),
      deletedBy: 'institution',
      acknowledgedIrreversible: true,
      consequences: { extractsIssued: 0, partnersHolding: [] },
      registeredAt: new Date().toISOString(),
      programme,
    });
    await publish(deletion);
    await publish(deletion); // the broker may deliver it twice: one flag, one retraction

    await eventually(
      () => (eventsOf(resultId).some((e) => e.type === 'DeliveryRetracted') ? true : undefined),
      { what: 'DeliveryRetracted' },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveriesTo(resultId, 'mijnoverheid').map((d) => d.kind)).toEqual([
      'registration',
      'retraction',
    ]);
    expect(deliveriesTo(resultId, 'cibg-big').map((d) => d.kind)).toEqual(['registration']);
    const flags = eventsOf(resultId).filter((e) => e.type === 'IrreversibleDeliveryFlagged');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.data).toMatchObject({
      partnerId: 'cibg-big',
      reason: 'duplicate',
      deletionEventId: deletion.eventId,
    });
    expect(await probe.messageCount(PropagationQueues.parked('mijnoverheid'))).toBe(0);
  });
});
