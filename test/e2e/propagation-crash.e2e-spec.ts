import type { EventEnvelope } from '@rod/contracts';
import { Queues } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';
import type { RunningService } from '@rod/testing';
import {
  BrokerProbe,
  eventually,
  startServiceProcess,
  stopServiceProcess,
  testAmqpUrl,
  testMongoUrl,
  uniqueName,
} from '@rod/testing';

const RESULTS = 1000;

function registration(resultSequence: string): EventEnvelope {
  return createEnvelope({
    type: 'ResultRegistered',
    producer: 'register',
    correlationId: uniqueName('corr'),
    causationId: 'cmd',
    resultId: `21PA-${resultSequence}`,
    institutionCode: '21PA',
    sequence: 1,
    data: {
      resultSequence,
      person: { bsn: '123456782' },
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
      examDate: '2026-07-03',
      studyMode: 'full-time',
      registeredAt: new Date().toISOString(),
      late: false,
    },
  });
}

interface LedgerDoc {
  _id: string;
  state: { entries: { partnerId: string; status: string; deliveryId: string }[] } | null;
}

describe('propagation killed (kill -9) in the middle of 1,000 deliveries', () => {
  let propagation: RunningService;
  let probe: BrokerProbe;
  let db: Connection;

  afterAll(async () => {
    await probe?.close();
    await db?.close();
    if (propagation) await stopServiceProcess(propagation);
  });

  it('makes every delivery exactly once in the ledger, and at least once at the partner with one deliveryId', async () => {
    propagation = await startServiceProcess('propagation');
    const database = propagation.database;
    probe = await BrokerProbe.connect(testAmqpUrl());
    await probe.drain(Queues.partnerInbox('mijnoverheid'));
    const prefix = uniqueName('K').replace(/[^A-Za-z0-9]/g, '');
    const ids = Array.from({ length: RESULTS }, (_, i) => `${prefix}${i}`);
    for (const id of ids) {
      await probe.publishEvent(registration(id));
    }
    const inbox: { resultId: string; deliveryId: string }[] = [];
    const collect = async () =>
      inbox.push(
        ...(await probe.drain(Queues.partnerInbox('mijnoverheid'))).map(
          (m) => m.body as { resultId: string; deliveryId: string },
        ),
      );
    // Kill it when some, not all, deliveries have been made.
    await eventually(
      async () => {
        await collect();
        return inbox.length >= 100 ? true : undefined;
      },
      { what: 'the first 100 deliveries', timeoutMs: 120_000, intervalMs: 100 },
    );
    propagation.child.kill('SIGKILL');
    await new Promise((resolve) => propagation.child.once('exit', resolve));
    expect(inbox.length).toBeLessThan(RESULTS);

    propagation = await startServiceProcess('propagation', { MONGO_DB: database });
    const ours = new Set(ids.map((id) => `21PA-${id}`));
    await eventually(
      async () => {
        await collect();
        const distinct = new Set(inbox.filter((d) => ours.has(d.resultId)).map((d) => d.resultId));
        return distinct.size === RESULTS ? true : undefined;
      },
      { what: 'every result at the partner', timeoutMs: 240_000, intervalMs: 500 },
    );

    // At the partner: every result at least once, and a repeat always with the same deliveryId.
    const byResult = new Map<string, Set<string>>();
    for (const { resultId, deliveryId } of inbox.filter((d) => ours.has(d.resultId))) {
      byResult.set(resultId, (byResult.get(resultId) ?? new Set()).add(deliveryId));
    }
    expect([...byResult.values()].filter((deliveryIds) => deliveryIds.size !== 1)).toEqual([]);

    // In the ledger: exactly one delivery per result, delivered.
    db = await createConnection(testMongoUrl(), { dbName: database }).asPromise();
    const ledgers = await eventually(
      async () => {
        const docs = (await db
          .collection('results')
          .find(
            {},
            {
              projection: {
                'state.entries.partnerId': 1,
                'state.entries.status': 1,
                'state.entries.deliveryId': 1,
              },
            },
          )
          .toArray()) as unknown as LedgerDoc[];
        const mine = docs.filter((d) => ours.has(d._id));
        return mine.length === RESULTS &&
          mine.every((d) => d.state?.entries.every((e) => e.status === 'delivered'))
          ? mine
          : undefined;
      },
      { what: 'every ledger entry delivered', timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(ledgers.map((d) => d.state?.entries.length)).toEqual(ids.map(() => 1));
    const deliveryIds = ledgers.map((d) => d.state?.entries[0]?.deliveryId);
    expect(new Set(deliveryIds).size).toBe(RESULTS);
  });
});
