import { mapOrdered } from './map-ordered';

async function* numbers(count: number, pulled: number[]): AsyncGenerator<number> {
  for (let i = 1; i <= count; i++) {
    await Promise.resolve();
    pulled.push(i);
    yield i;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapOrdered', () => {
  it.each([1, 3, 10])('keeps the order with %i in flight, whatever finishes first', async (n) => {
    const out: number[] = [];
    for await (const value of mapOrdered(numbers(12, []), n, async (i) => {
      await delay((12 - i) * 2);
      return i * 10;
    })) {
      out.push(value);
    }
    expect(out).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 10));
  });

  it('never has more than the limit in flight', async () => {
    let active = 0;
    let peak = 0;
    for await (const value of mapOrdered(numbers(50, []), 4, async (i) => {
      active++;
      peak = Math.max(peak, active);
      await delay(1);
      active--;
      return i;
    })) {
      expect(value).toBeGreaterThan(0);
    }
    expect(peak).toBe(4);
  });

  it('pulls from the source only as results are taken', async () => {
    const pulled: number[] = [];
    const results = mapOrdered(numbers(1000, pulled), 5, (i) => Promise.resolve(i));
    await results.next();
    expect(pulled.length).toBeLessThanOrEqual(6);
    await results.return(undefined);
  });

  it('passes on a failure in order', async () => {
    const out: number[] = [];
    const run = async () => {
      for await (const value of mapOrdered(numbers(5, []), 3, (i) =>
        i === 3 ? Promise.reject(new Error('line 3 failed')) : Promise.resolve(i),
      )) {
        out.push(value);
      }
    };
    await expect(run()).rejects.toThrow('line 3 failed');
    expect(out).toEqual([1, 2]);
  });
});
