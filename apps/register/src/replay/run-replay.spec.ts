import type { OutgoingMessage } from '@rod/messaging';
import type { HistoryEntry } from '../results/domain/result-state';
import type { StoredHistory } from './domain/replayed-event';
import type { ReplayPlan } from './domain/replay-plan';
import type { ReplayPorts } from './run-replay';
import { ReplayStopped, runReplay } from './run-replay';

const plan: ReplayPlan = { replayId: 'replay-1', queue: 'rebuild', from: null };
const NOW = new Date('2026-07-04T12:00:00.000Z');

const entry = (sequence: number, occurredAt = '2026-07-01T10:00:00.000Z'): HistoryEntry => ({
  sequence,
  eventId: `event-${sequence}`,
  type: sequence === 1 ? 'ResultRegistered' : 'ResultCorrected',
  occurredAt,
  data: {},
});

/** `count` results, result i with i % 3 + 1 events. */
const results = (count: number): StoredHistory[] =>
  Array.from({ length: count }, (_, i) => ({
    _id: `21PA-${String(i).padStart(4, '0')}`,
    institutionCode: '21PA',
    history: Array.from({ length: (i % 3) + 1 }, (_e, s) => entry(s + 1)),
  }));

interface Fake {
  ports: ReplayPorts;
  batches: OutgoingMessage[][];
  maxInFlight: () => number;
  sourceClosed: () => boolean;
}

function fake(stored: StoredHistory[], failOnBatch?: number): Fake {
  const batches: OutgoingMessage[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;
  return {
    batches,
    maxInFlight: () => maxInFlight,
    sourceClosed: () => closed,
    ports: {
      histories: async function* () {
        try {
          for (const result of stored) {
            await Promise.resolve();
            yield result;
          }
        } finally {
          closed = true;
        }
      },
      send: async (messages) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        if (batches.length === failOnBatch) throw new Error('broker gone');
        batches.push(messages);
      },
      newMessageId: () => 'marker-id',
      now: () => NOW,
    },
  };
}

const bodyOf = (m: OutgoingMessage) => JSON.parse(m.payload) as Record<string, unknown>;

describe('runReplay', () => {
  it('sends every event in batches, awaiting each before the next, then the marker with the counts', async () => {
    const { ports, batches, maxInFlight } = fake(results(100));
    const counts = await runReplay(plan, ports, { batchSize: 25 });

    expect(counts).toEqual({ results: 100, events: 199 });
    expect(maxInFlight()).toBe(1);
    const events = batches.flat().slice(0, -1);
    expect(events).toHaveLength(199);
    // A batch is closed after the result that fills it: at most one result's events over.
    for (const batch of batches.slice(0, -1)) expect(batch.length).toBeLessThanOrEqual(25 + 2);
    const marker = batches.at(-1) ?? [];
    expect(marker).toHaveLength(1);
    expect(marker[0]).toMatchObject({
      type: 'ReplayCompleted',
      routingKey: 'rebuild',
      messageId: 'marker-id',
    });
    expect(bodyOf(marker[0])).toEqual({
      replayId: 'replay-1',
      queue: 'rebuild',
      from: null,
      results: 100,
      events: 199,
      completedAt: NOW.toISOString(),
    });
  });

  it('keeps results in _id order and each result’s events in sequence order', async () => {
    const { ports, batches } = fake(results(10));
    await runReplay(plan, ports, { batchSize: 4 });
    const sent = batches
      .flat()
      .slice(0, -1)
      .map((m) => bodyOf(m))
      .map((e) => `${String(e.resultId)}#${String(e.sequence)}`);
    const expected = results(10).flatMap((r) => r.history.map((h) => `${r._id}#${h.sequence}`));
    expect(sent).toEqual(expected);
  });

  it('counts only results with an event at or after from', async () => {
    const stored: StoredHistory[] = [
      { _id: '21PA-A', institutionCode: '21PA', history: [entry(1, '2026-01-01T00:00:00.000Z')] },
      {
        _id: '21PA-B',
        institutionCode: '21PA',
        history: [entry(1, '2026-01-01T00:00:00.000Z'), entry(2, '2026-06-01T00:00:00.000Z')],
      },
    ];
    const { ports, batches } = fake(stored);
    const from = Date.parse('2026-05-01T00:00:00.000Z');
    const counts = await runReplay({ ...plan, from }, ports, { batchSize: 10 });
    expect(counts).toEqual({ results: 1, events: 1 });
    expect(bodyOf(batches.at(-1)?.[0] as OutgoingMessage)).toMatchObject({
      from: '2026-05-01T00:00:00.000Z',
      results: 1,
      events: 1,
    });
  });

  it('sends only the marker when there is nothing to replay', async () => {
    const { ports, batches } = fake([]);
    expect(await runReplay(plan, ports, { batchSize: 10 })).toEqual({ results: 0, events: 0 });
    expect(batches).toEqual([[expect.objectContaining({ type: 'ReplayCompleted' })]]);
  });

  it('sends nothing more, and no marker, after a batch fails', async () => {
    const { ports, batches, sourceClosed } = fake(results(100), 2);
    await expect(runReplay(plan, ports, { batchSize: 25 })).rejects.toThrow('broker gone');
    expect(batches).toHaveLength(2);
    expect(batches.flat().some((m) => m.type === 'ReplayCompleted')).toBe(false);
    expect(sourceClosed()).toBe(true);
  });

  it('stops between batches when the service shuts down, without a marker', async () => {
    const { ports, batches, sourceClosed } = fake(results(100));
    const shutdown = new AbortController();
    const replay = runReplay(plan, ports, {
      batchSize: 25,
      signal: shutdown.signal,
      onProgress: () => shutdown.abort(),
    });
    await expect(replay).rejects.toBeInstanceOf(ReplayStopped);
    expect(batches).toHaveLength(1);
    expect(sourceClosed()).toBe(true);
  });

  it('reports progress after each confirmed batch', async () => {
    const { ports } = fake(results(30));
    const seen: number[] = [];
    await runReplay(plan, ports, { batchSize: 20, onProgress: (c) => seen.push(c.events) });
    expect(seen).toEqual([21, 42, 60]);
  });
});
