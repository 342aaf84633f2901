import { DocumentLocks, KeyedSerialExecutor } from './keyed-serial-executor';

/** A promise the test settles by hand, to order tasks without timers. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerialExecutor', () => {
  it.each([
    ['a number', 42],
    ['an object', { id: 'x' }],
    ['undefined', undefined],
  ])('resolves with what the task resolved: %s', async (_name, value) => {
    await expect(new KeyedSerialExecutor().run('k', () => Promise.resolve(value))).resolves.toEqual(
      value,
    );
  });

  it('runs a second task of the same key only after a slower first one finished', async () => {
    const executor = new KeyedSerialExecutor();
    const log: string[] = [];
    const slow = deferred();
    const first = executor.run('21PA-1', async () => {
      log.push('first started');
      await slow.promise;
      log.push('first finished');
    });
    const second = executor.run('21PA-1', () => {
      log.push('second started');
      return Promise.resolve();
    });
    await flush();
    expect(log).toEqual(['first started']);
    slow.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['first started', 'first finished', 'second started']);
  });

  it('keeps arrival order for many tasks of one key whatever their durations', async () => {
    const executor = new KeyedSerialExecutor();
    const order: number[] = [];
    const durations = [30, 0, 10, 0, 20];
    await Promise.all(
      durations.map((ms, i) =>
        executor.run('k', async () => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([
    ['rejects', (): Promise<void> => Promise.reject(new Error('boom'))],
    [
      'throws synchronously',
      (): Promise<void> => {
        throw new Error('boom');
      },
    ],
  ])(
    'runs the next task of a key after an earlier one %s, and reports the failure to its caller',
    async (_how, failing) => {
      const executor = new KeyedSerialExecutor();
      const ran: string[] = [];
      const first = executor.run('k', failing);
      const second = executor.run('k', () => {
        ran.push('second');
        return Promise.resolve();
      });
      await expect(first).rejects.toThrow('boom');
      await expect(second).resolves.toBeUndefined();
      expect(ran).toEqual(['second']);
    },
  );

  it('waits for a failing slow task before running the next of the same key', async () => {
    const executor = new KeyedSerialExecutor();
    const log: string[] = [];
    const slow = deferred();
    const first = executor.run('k', async () => {
      await slow.promise;
      log.push('first failed');
      throw new Error('boom');
    });
    const second = executor.run('k', () => {
      log.push('second');
      return Promise.resolve();
    });
    await flush();
    expect(log).toEqual([]);
    slow.resolve();
    await expect(first).rejects.toThrow('boom');
    await second;
    expect(log).toEqual(['first failed', 'second']);
  });

  it('runs tasks of different keys side by side', async () => {
    const executor = new KeyedSerialExecutor();
    const log: string[] = [];
    const slow = deferred();
    const a = executor.run('a', async () => {
      log.push('a started');
      await slow.promise;
      log.push('a finished');
    });
    const b = executor.run('b', () => {
      log.push('b ran');
      return Promise.resolve();
    });
    await b;
    expect(log).toEqual(['a started', 'b ran']);
    slow.resolve();
    await a;
    expect(log).toEqual(['a started', 'b ran', 'a finished']);
  });

  it('does not hold up another key when one key fails', async () => {
    const executor = new KeyedSerialExecutor();
    const failing = executor.run('a', () => Promise.reject(new Error('boom')));
    const other = executor.run('b', () => Promise.resolve());
    await expect(failing).rejects.toThrow('boom');
    await expect(other).resolves.toBeUndefined();
  });

  it('forgets a key once its last task settled', async () => {
    const executor = new KeyedSerialExecutor();
    const slow = deferred();
    const running = executor.run('a', () => slow.promise);
    const failing = executor.run('b', () => Promise.reject(new Error('boom')));
    await expect(failing).rejects.toThrow('boom');
    await flush();
    expect(executor.size).toBe(1);
    slow.resolve();
    await running;
    await flush();
    expect(executor.size).toBe(0);
  });

  it('keeps a key while a later task of it is still queued', async () => {
    const executor = new KeyedSerialExecutor();
    const first = deferred();
    const second = deferred();
    const one = executor.run('k', () => first.promise);
    const two = executor.run('k', () => second.promise);
    first.resolve();
    await one;
    await flush();
    expect(executor.size).toBe(1);
    second.resolve();
    await two;
    await flush();
    expect(executor.size).toBe(0);
  });
});

describe('DocumentLocks', () => {
  it('serialises tasks on one document of one collection', async () => {
    const locks = new DocumentLocks();
    const log: string[] = [];
    const slow = deferred();
    const first = locks.run('results', '21PA-1', async () => {
      await slow.promise;
      log.push('first');
    });
    const second = locks.run('results', '21PA-1', () => {
      log.push('second');
      return Promise.resolve();
    });
    await flush();
    expect(log).toEqual([]);
    slow.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['first', 'second']);
  });

  it.each([
    ['another document', 'results', '21PA-2'],
    ['the same id in another collection', 'facts', '21PA-1'],
  ])('lets %s proceed while one document is locked', async (_name, collection, id) => {
    const locks = new DocumentLocks();
    const slow = deferred();
    const held = locks.run('results', '21PA-1', () => slow.promise);
    await expect(locks.run(collection, id, () => Promise.resolve('done'))).resolves.toBe('done');
    slow.resolve();
    await held;
  });
});
