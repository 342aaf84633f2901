import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { EventEnvelope } from '@rod/contracts';
import { Events, Queues, deadLetterQueue } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { Connection } from 'mongoose';
import { ReportingConfig } from '../config/reporting.config';
import { reportingService } from '../reporting.service';
import { BrokerProbe, eventually, startInProcess, testAmqpUrl, uniqueName } from '@rod/testing';
import { irreversibleFlagOf } from './domain/irreversible-flag';
import { IRREVERSIBLE_FLAGS_COLLECTION } from './persistence/irreversible-flag.schema';
import { RecordFlagUseCase } from './record-flag.use-case';

describe('reporting: irreversible deliveries (real broker and database)', () => {
  let app: INestApplication;
  let probe: BrokerProbe;
  let db: Connection;
  const dlq = deadLetterQueue(Queues.reportingPropagationEvents);

  const aResultId = () => `21PA-${uniqueName('F').replace(/[^A-Za-z0-9]/g, '')}`;

  const flagged = (resultId: string, partnerId: string, sequence = 1): EventEnvelope =>
    createEnvelope({
      type: 'IrreversibleDeliveryFlagged',
      producer: 'propagation',
      correlationId: 'corr-flags',
      causationId: `deleted-${resultId}`,
      resultId,
      institutionCode: '21PA',
      sequence,
      data: {
        partnerId,
        partnerName: partnerId.toUpperCase(),
        deliveredAt: '2026-07-05T10:00:00.000Z',
        deletedAt: '2026-08-01T10:00:00.000Z',
        reason: 'administrative-error',
        deletionEventId: `deleted-${resultId}`,
      },
    });

  const flagsOf = (resultId: string) =>
    db.collection(IRREVERSIBLE_FLAGS_COLLECTION).find({ resultId }).sort({ _id: 1 }).toArray();

  const waitForFlags = (resultId: string, count: number) =>
    eventually(
      async () => {
        const found = await flagsOf(resultId);
        return found.length >= count ? found : undefined;
      },
      { what: `${count} flags of ${resultId}` },
    );

  beforeAll(async () => {
    ({ app } = await startInProcess(reportingService, ReportingConfig));
    db = app.get<Connection>(getConnectionToken());
    probe = await BrokerProbe.connect(testAmqpUrl());
  });

  afterAll(async () => {
    await probe?.drain(dlq);
    await probe?.close();
    await app?.close();
  });

  it('stores one document per result and partner', async () => {
    const resultId = aResultId();
    const cibg = flagged(resultId, 'cibg-big');
    const nuffic = flagged(resultId, 'nuffic', 2);
    await probe.publishEvent(nuffic);
    await probe.publishEvent(cibg);

    expect(await waitForFlags(resultId, 2)).toEqual([
      {
        _id: `${resultId}/cibg-big`,
        resultId,
        institutionCode: '21PA',
        partnerId: 'cibg-big',
        deletedAt: '2026-08-01T10:00:00.000Z',
        reason: 'administrative-error',
        deletionEventId: `deleted-${resultId}`,
        flaggedEventId: cibg.eventId,
      },
      expect.objectContaining({
        _id: `${resultId}/nuffic`,
        partnerId: 'nuffic',
        flaggedEventId: nuffic.eventId,
      }),
    ]);
  });

  it('stores the same flag only once, whether redelivered or flagged again', async () => {
    const resultId = aResultId();
    const first = flagged(resultId, 'cibg-big');
    const again = flagged(resultId, 'cibg-big');
    await probe.publishEvent(first);
    await probe.publishEvent(first);
    await probe.publishEvent(again);
    // A later flag of another partner of the same result: once it is in, the three before it are handled.
    await probe.publishEvent(flagged(resultId, 'nuffic', 2));

    const stored = await waitForFlags(resultId, 2);
    expect(stored.map((f) => f._id)).toEqual([`${resultId}/cibg-big`, `${resultId}/nuffic`]);
    expect(stored[0]).toMatchObject({ flaggedEventId: first.eventId });
    // And the third time, it is a duplicate rather than an error that would dead-letter it.
    const record = app.get(RecordFlagUseCase);
    await expect(record.execute(irreversibleFlagOf(again)!)).resolves.toBe('duplicate');
  });

  it('dead-letters a flag that breaks the contract and stores the valid ones around it', async () => {
    const before = await probe.messageCount(dlq);
    const before1 = aResultId();
    const after1 = aResultId();
    const broken = aResultId();
    const invalid = flagged(broken, 'cibg-big');
    const { exchange, routingKey } = Events.IrreversibleDeliveryFlagged;

    await probe.publishEvent(flagged(before1, 'cibg-big'));
    await probe.publishJson(
      exchange,
      routingKey,
      { ...invalid, data: { ...(invalid.data as object), deletedAt: 'yesterday' } },
      { messageId: invalid.eventId, type: 'IrreversibleDeliveryFlagged' },
    );
    await probe.publishEvent(flagged(after1, 'cibg-big'));

    await waitForFlags(before1, 1);
    await waitForFlags(after1, 1);
    await probe.waitForDepth(dlq, before + 1);
    const dead = await probe.drain(dlq);
    expect(dead.map((m) => (m.body as EventEnvelope).eventId)).toContain(invalid.eventId);
    expect(await flagsOf(broken)).toEqual([]);
  });
});
