import { randomUUID } from 'node:crypto';
import { Exchanges } from '@rod/contracts';
import type { Connection, Model } from 'mongoose';
import { Schema, createConnection } from 'mongoose';
import { AmqpConnection } from '../amqp-connection';
import { AmqpPublisher } from '../publishing/amqp-publisher';
import { jsonMessage } from '../publishing/outgoing-message';
import type { OutboxFields } from './outbox.schema';
import { addOutbox, appendToOutbox } from './outbox.schema';
import { OutboxRelay } from './outbox-relay';
import { DocumentWrites } from '../storage/document-writes';
import type { CapturedMessage } from '@rod/testing';
import { BrokerProbe, eventually, testAmqpUrl, testMongoUrl, uniqueName } from '@rod/testing';

type Aggregate = OutboxFields & { _id: string; name: string };

describe('OutboxRelay against the real broker and database', () => {
  const routingKey = uniqueName('outbox-test');
  let db: Connection;
  let model: Model<Aggregate>;
  let connection: AmqpConnection;
  let relay: OutboxRelay;
  let probe: BrokerProbe;
  let published: CapturedMessage[];
  let source: string;
  // Writers and the relay share the document writes, as in a service (docs/adr/0003-database.md).
  const writes = new DocumentWrites();

  const message = (text: string) =>
    jsonMessage(Exchanges.resultsEvents, routingKey, 'TestHappened', { text });
  const texts = () => published.map((m) => (m.body as { text: string }).text);

  beforeAll(async () => {
    db = await createConnection(testMongoUrl(), { dbName: uniqueName('outbox') }).asPromise();
    const schema = new Schema<Aggregate>({ _id: String, name: String }, { versionKey: false });
    addOutbox(schema);
    model = db.model<Aggregate>('Aggregate', schema);
    connection = new AmqpConnection(testAmqpUrl(), 'outbox-test');
    await writes.detect(db.db!);
    relay = new OutboxRelay(new AmqpPublisher(connection), writes, {
      sweepIntervalMs: 100,
    });
    source = relay.addSource(model);
    probe = await BrokerProbe.connect(testAmqpUrl());
    published = await probe.capture(Exchanges.resultsEvents, routingKey);
  });

  afterAll(async () => {
    await relay?.stop();
    await probe?.close();
    await connection?.close();
    await db?.close();
  });

  afterEach(() => {
    published.length = 0;
  });

  it('publishes what a write put in the outbox, in order, and empties the outbox', async () => {
    const id = randomUUID();
    await model.create({
      _id: id,
      name: 'a',
      version: 1,
      outboxPending: true,
      outbox: [message('one'), message('two')],
    });
    relay.notify(source, id);
    await eventually(() => (published.length === 2 ? true : undefined), { what: 'two messages' });
    expect(texts()).toEqual(['one', 'two']);
    await relay.idle();
    const stored = await model.findById(id).lean();
    expect(stored).toMatchObject({ outbox: [], outboxPending: false, version: 1 });
  });

  it('finds pending outboxes nobody announced (after a crash) with its sweep', async () => {
    relay.start();
    const id = randomUUID();
    await model.create({
      _id: id,
      name: 'b',
      version: 1,
      outboxPending: true,
      outbox: [message('swept')],
    });
    await eventually(() => (texts().includes('swept') ? true : undefined), {
      what: 'swept message',
    });
    await relay.stop();
  });

  it('keeps a message appended while an earlier one was being published', async () => {
    const id = randomUUID();
    await model.create({
      _id: id,
      name: 'c',
      version: 1,
      outboxPending: true,
      outbox: [message('first')],
    });
    relay.notify(source, id);
    await writes.exclusively(source, id, () =>
      model.updateOne({ _id: id }, appendToOutbox([message('second')])),
    );
    relay.notify(source, id);
    await eventually(() => (texts().includes('second') ? true : undefined), {
      what: 'second message',
    });
    await relay.idle();
    await eventually(
      async () => {
        const stored = await model.findById(id).lean();
        return stored?.outbox.length === 0 && !stored.outboxPending ? stored : undefined;
      },
      { what: 'empty outbox' },
    );
    expect(texts().filter((t) => t === 'first')).toHaveLength(1);
  });

  it("empties the outbox of the writer's hint with one update, leaving the rest of the document as it is", async () => {
    const id = randomUUID();
    const outbox = [message('hinted')];
    await model.create({ _id: id, name: 'd', version: 1, outboxPending: true, outbox });
    // Hold the document while the relay publishes, and change a field of it meanwhile:
    // the relay's write must not put the old value back (it does not rewrite the document).
    await writes.exclusively(source, id, async () => {
      relay.notify(source, id, outbox, 1);
      await eventually(() => (texts().includes('hinted') ? true : undefined), {
        what: 'hinted message',
      });
      await model.updateOne({ _id: id }, { $set: { name: 'changed meanwhile' } });
    });
    await relay.idle();
    const stored = await model.findById(id).lean();
    expect(stored).toMatchObject({
      name: 'changed meanwhile',
      outbox: [],
      outboxPending: false,
      version: 1,
    });
  });

  it("keeps and publishes what a writer appended after the hint's write, while the hint was being published", async () => {
    const id = randomUUID();
    const first = [message('before')];
    await model.create({ _id: id, name: 'e', version: 1, outboxPending: true, outbox: first });
    await writes.exclusively(source, id, async () => {
      relay.notify(source, id, first, 1);
      await eventually(() => (texts().includes('before') ? true : undefined), {
        what: 'first message',
      });
      // A writer appends under the document's lock and notifies with its whole outbox.
      await model.updateOne({ _id: id }, appendToOutbox([message('after')]));
      const written = await model.findById(id).lean();
      relay.notify(source, id, written!.outbox, written!.version);
    });
    await eventually(() => (texts().includes('after') ? true : undefined), {
      what: 'appended message',
    });
    await relay.idle();
    await eventually(
      async () => {
        const stored = await model.findById(id).lean();
        return stored?.outbox.length === 0 && !stored.outboxPending ? stored : undefined;
      },
      { what: 'empty outbox' },
    );
    expect(texts().filter((t) => t === 'before')).toHaveLength(1);
    expect(texts().filter((t) => t === 'after')).toHaveLength(1);
  });
});
