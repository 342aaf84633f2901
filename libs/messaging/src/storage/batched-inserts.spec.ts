import type { InsertManyTarget } from './batched-inserts';
import { BatchedInserts } from './batched-inserts';

interface Doc {
  _id: string;
}

/** A collection whose `insertMany` calls wait until the test lets them finish. */
class FakeCollection implements InsertManyTarget {
  readonly calls: string[][] = [];
  private readonly pending: { finish: () => void; fail: (error: unknown) => void }[] = [];

  insertMany(docs: never[]): Promise<unknown> {
    this.calls.push((docs as Doc[]).map((d) => d._id));
    return new Promise((finish, fail) => this.pending.push({ finish: () => finish({}), fail }));
  }

  finishNext(): void {
    this.pending.shift()?.finish();
  }

  failNext(error: unknown): void {
    this.pending.shift()?.fail(error);
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** The driver's bulk write error: the documents not inserted, by index, with their codes. */
const bulkError = (writeErrors: { index: number; code: number }[]) =>
  Object.assign(new Error('bulk write error'), { writeErrors });

describe('BatchedInserts', () => {
  it('inserts at once when nothing is in flight, and together what arrives meanwhile', async () => {
    const collection = new FakeCollection();
    const inserts = new BatchedInserts(collection, { concurrency: 1 });
    const first = inserts.insert({ _id: 'a' });
    const rest = ['b', 'c', 'd'].map((id) => inserts.insert({ _id: id }));
    expect(collection.calls).toEqual([['a']]);
    collection.finishNext();
    await expect(first).resolves.toBe(true);
    await flush();
    expect(collection.calls).toEqual([['a'], ['b', 'c', 'd']]);
    collection.finishNext();
    await expect(Promise.all(rest)).resolves.toEqual([true, true, true]);
  });

  it('answers each caller only once its batch is written', async () => {
    const collection = new FakeCollection();
    const inserts = new BatchedInserts(collection);
    let settled = false;
    void inserts.insert({ _id: 'a' }).then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    collection.finishNext();
    await flush();
    expect(settled).toBe(true);
  });

  it('keeps batches to their maximum size', async () => {
    const collection = new FakeCollection();
    const inserts = new BatchedInserts(collection, { concurrency: 1, maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => inserts.insert({ _id: id }));
    for (let i = 0; i < 3; i++) {
      collection.finishNext();
      await flush();
    }
    await Promise.all(all);
    expect(collection.calls).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('tells a caller whose _id exists so (false), and the others of the batch that they are stored', async () => {
    const collection = new FakeCollection();
    const inserts = new BatchedInserts(collection, { concurrency: 1 });
    const blocker = inserts.insert({ _id: 'x' });
    const batch = ['a', 'b', 'c'].map((id) => inserts.insert({ _id: id }));
    collection.finishNext();
    await blocker;
    await flush();
    collection.failNext(bulkError([{ index: 1, code: 11000 }]));
    await expect(Promise.all(batch)).resolves.toEqual([true, false, true]);
  });

  it('fails the callers a document of which failed otherwise, and every caller on any other error', async () => {
    const collection = new FakeCollection();
    const inserts = new BatchedInserts(collection, { concurrency: 1 });
    const one = inserts.insert({ _id: 'a' });
    const two = inserts.insert({ _id: 'b' });
    const three = inserts.insert({ _id: 'c' });
    collection.failNext(bulkError([{ index: 0, code: 2 }]));
    await expect(one).rejects.toThrow('bulk write error');
    await flush();
    collection.failNext(new Error('connection lost'));
    await expect(two).rejects.toThrow('connection lost');
    await expect(three).rejects.toThrow('connection lost');
  });
});
