import type { EventEnvelope } from '@rod/contracts';
import type { Connection, Model } from 'mongoose';
import { createConnection } from 'mongoose';
import { createEnvelope } from '../publishing/outgoing-message';
import type { SequencedDocument } from './sequenced-store';
import { applyInSequence, sequencedSchema } from './sequenced-store';
import { DocumentWrites } from '../storage/document-writes';
import { testMongoUrl, uniqueName } from '@rod/testing';

interface Log {
  applied: number[];
}

const event = (resultId: string, sequence: number): EventEnvelope =>
  createEnvelope({
    type: 'ExtractIssued',
    producer: 'register',
    correlationId: 'c',
    causationId: 'c',
    resultId,
    institutionCode: '21PA',
    sequence,
    data: { extractId: `x${sequence}`, issuedAt: new Date().toISOString() },
  });

const reduce = (state: Log | null, e: EventEnvelope) => ({
  state: { applied: [...(state?.applied ?? []), e.sequence] },
});

describe('applyInSequence against the real database', () => {
  let db: Connection;
  let model: Model<SequencedDocument<Log>>;
  const writes = new DocumentWrites();

  beforeAll(async () => {
    db = await createConnection(testMongoUrl(), { dbName: uniqueName('sequenced') }).asPromise();
    model = db.model<SequencedDocument<Log>>('Sequenced', sequencedSchema('sequenced'));
    await writes.detect(db.db!);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('applies events in sequence even when they arrive out of order', async () => {
    const id = uniqueName('r');
    const [e1, e2, e3] = [1, 2, 3].map((n) => event(id, n));
    expect(await applyInSequence(model, e3, reduce, writes)).toBe('held');
    expect(await applyInSequence(model, e2, reduce, writes)).toBe('held');
    expect(await applyInSequence(model, e1, reduce, writes)).toBe('applied');
    const doc = await model.findById(id).lean();
    expect(doc).toMatchObject({ lastSequence: 3, held: [], state: { applied: [1, 2, 3] } });
  });

  it('drops duplicates, whether already applied or still held', async () => {
    const id = uniqueName('r');
    const [e1, e2, e3] = [1, 2, 3].map((n) => event(id, n));
    await applyInSequence(model, e1, reduce, writes);
    expect(await applyInSequence(model, e1, reduce, writes)).toBe('duplicate');
    expect(await applyInSequence(model, e3, reduce, writes)).toBe('held');
    expect(await applyInSequence(model, e3, reduce, writes)).toBe('duplicate');
    await applyInSequence(model, e2, reduce, writes);
    expect((await model.findById(id).lean())?.state).toEqual({ applied: [1, 2, 3] });
  });

  it('wakes the relay for a duplicate whose first write left messages in the outbox', async () => {
    const id = uniqueName('r');
    const e1 = event(id, 1);
    const withMessage = (state: Log | null, e: EventEnvelope) => ({
      ...reduce(state, e),
      messages: [{ messageId: `m-${e.sequence}` } as never],
    });
    await applyInSequence(model, e1, withMessage, writes);
    const woken: SequencedDocument<Log>[] = [];
    // The same event again, as when the first write's answer was lost and the broker redelivered.
    expect(await applyInSequence(model, e1, withMessage, writes, (doc) => woken.push(doc))).toBe(
      'duplicate',
    );
    expect(woken.map((doc) => doc.outbox.length)).toEqual([1]);

    await model.updateOne({ _id: id }, { $set: { outbox: [], outboxPending: false } });
    woken.length = 0;
    await applyInSequence(model, e1, withMessage, writes, (doc) => woken.push(doc));
    expect(woken).toEqual([]);
  });

  it('applies each event once when two consumers of one process race on the same result', async () => {
    const id = uniqueName('r');
    const events = [1, 2, 3, 4, 5, 6].map((n) => event(id, n));
    await Promise.all([...events, ...events].map((e) => applyInSequence(model, e, reduce, writes)));
    const doc = await model.findById(id).lean();
    expect(doc?.state).toEqual({ applied: [1, 2, 3, 4, 5, 6] });
  });
});
