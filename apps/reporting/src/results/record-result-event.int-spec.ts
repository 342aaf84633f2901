import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { EventEnvelope, EventType } from '@rod/contracts';
import { createEnvelope, eventMessage } from '@rod/messaging';
import type { Connection } from 'mongoose';
import { ReportingConfig } from '../config/reporting.config';
import { reportingService } from '../reporting.service';
import { BrokerProbe, eventually, startInProcess, testAmqpUrl, uniqueName } from '@rod/testing';

describe('reporting: the read model of results (real broker and database)', () => {
  let app: INestApplication;
  let probe: BrokerProbe;
  let db: Connection;

  const event = (type: EventType, resultId: string, sequence: number, data: unknown) =>
    createEnvelope({
      type,
      producer: 'register',
      correlationId: 'c',
      causationId: 'c',
      resultId,
      institutionCode: '21PA',
      sequence,
      data,
    });

  const publish = async (e: EventEnvelope) => {
    const m = eventMessage(e as EventEnvelope<EventType>);
    await probe.publishRaw(m.exchange, m.routingKey, Buffer.from(m.payload), {
      messageId: m.messageId,
      type: m.type,
    });
  };

  const facts = (resultId: string) => db.collection('results').findOne({ _id: resultId as never });

  beforeAll(async () => {
    ({ app } = await startInProcess(reportingService, ReportingConfig));
    db = app.get<Connection>(getConnectionToken());
    probe = await BrokerProbe.connect(testAmqpUrl());
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
  });

  const registeredData = (sequence: string) => ({
    resultSequence: sequence,
    person: { bsn: '123456782' },
    programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    examDate: '2026-07-03',
    studyMode: 'full-time',
    registeredAt: '2026-07-04T10:00:00.000Z',
    late: false,
  });

  it('counts a registered result without keeping its personal number', async () => {
    const seq = uniqueName('Q').replace(/[^A-Za-z0-9]/g, '');
    const resultId = `21PA-${seq}`;
    await publish(event('ResultRegistered', resultId, 1, registeredData(seq)));
    const doc = await eventually(async () => (await facts(resultId)) ?? undefined, {
      what: 'facts',
    });
    expect(doc).toMatchObject({
      lastSequence: 1,
      state: { institutionCode: '21PA', examType: 'bachelor', status: 'registered' },
    });
    expect(JSON.stringify(doc)).not.toMatch(/123456782|bsn|person/);
  });

  it("applies a result's events in order when they arrive out of order, holding none of their personal numbers", async () => {
    const seq = uniqueName('Q').replace(/[^A-Za-z0-9]/g, '');
    const resultId = `21PA-${seq}`;
    const { resultSequence, person, examDate, studyMode } = registeredData(seq);
    const corrected = {
      resultSequence,
      person,
      examDate,
      studyMode,
      programme: { crohoCode: '34480', level: 'HBO', examType: 'master' },
    };
    await publish(
      event('ExtractIssued', resultId, 3, {
        extractId: 'x1',
        issuedAt: '2026-07-05T10:00:00.000Z',
      }),
    );
    await publish(
      event('ResultCorrected', resultId, 2, { result: corrected, changed: ['programme'] }),
    );
    const held = await eventually(
      async () => {
        const found = await facts(resultId);
        return found?.held?.length === 2 ? found : undefined;
      },
      { what: 'two held events' },
    );
    expect(JSON.stringify(held)).not.toMatch(/123456782|person/);

    await publish(event('ResultRegistered', resultId, 1, registeredData(seq)));
    const doc = await eventually(
      async () => {
        const found = await facts(resultId);
        return found?.lastSequence === 3 ? found : undefined;
      },
      { what: 'all applied' },
    );
    expect(doc).toMatchObject({
      held: [],
      state: { extractsIssued: 1, crohoCode: '34480', examType: 'master' },
    });
    expect(JSON.stringify(doc)).not.toMatch(/123456782|person/);
  });
});
