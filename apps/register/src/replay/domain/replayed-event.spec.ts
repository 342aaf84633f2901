import type { HistoryEntry } from '../../results/domain/result-state';
import type { StoredHistory } from './replayed-event';
import { entriesToReplay, replayedEnvelope, replayedEvents } from './replayed-event';

const REPLAY_ID = '0b7e1c4e-8f57-4a39-9b1e-6a0b9f3f2c11';

const entry = (
  sequence: number,
  type: string,
  occurredAt: string,
  data: unknown,
): HistoryEntry => ({
  sequence,
  eventId: `00000000-0000-4000-8000-00000000000${sequence}`,
  type,
  occurredAt,
  data,
});

const registered = entry(1, 'ResultRegistered', '2026-04-30T21:59:59.999Z', {
  resultSequence: '2026000123',
  person: { bsn: '123456782' },
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-04-03',
  studyMode: 'full-time',
  registeredAt: '2026-04-30T21:59:59.999Z',
  late: false,
});
const corrected = entry(2, 'ResultCorrected', '2026-04-30T22:00:00.000Z', {
  result: { studyMode: 'dual' },
  changed: ['studyMode'],
});
const suspended = entry(3, 'ResultSuspended', '2026-06-01T08:00:00.000Z', {
  explanation: 'forged',
  reportedAt: '2026-06-01T08:00:00.000Z',
});
const deleted = entry(4, 'ResultDeleted', '2026-06-02T08:00:00.000Z', {
  reason: 'fraud',
  deletedBy: 'helpdesk',
});

const result = (history: HistoryEntry[]): StoredHistory => ({
  _id: '21PA-2026000123',
  institutionCode: '21PA',
  history,
});

// 1 May 2026, midnight in Amsterdam (summer time): 22:00Z on 30 April.
const MAY_FIRST = Date.parse('2026-04-30T22:00:00.000Z');

describe('replayedEnvelope', () => {
  it.each([
    ['a registration', registered],
    ['a correction', corrected],
    ['a suspension', suspended],
    ['a deletion by the helpdesk', deleted],
  ])('rebuilds %s as its original event, caused by the replay', (_name, original) => {
    expect(replayedEnvelope(result([original]), original, REPLAY_ID)).toEqual({
      eventId: original.eventId,
      type: original.type,
      schemaVersion: 1,
      occurredAt: original.occurredAt,
      producer: 'register',
      correlationId: REPLAY_ID,
      causationId: REPLAY_ID,
      resultId: '21PA-2026000123',
      institutionCode: '21PA',
      sequence: original.sequence,
      data: original.data,
    });
  });
});

describe('entriesToReplay', () => {
  it.each<[string, HistoryEntry[], number | null, number[]]>([
    ['the whole history without from', [registered, corrected, suspended], null, [1, 2, 3]],
    ['stored out of order, in sequence order', [suspended, registered, corrected], null, [1, 2, 3]],
    ['only entries at or after from', [registered, corrected, suspended], MAY_FIRST, [2, 3]],
    ['an entry one millisecond before from: left out', [registered], MAY_FIRST, []],
    ['an entry exactly at from: included', [corrected], MAY_FIRST, [2]],
    ['nothing after a from in the future', [registered, deleted], Date.parse('2030-01-01'), []],
    ['an empty history', [], null, []],
  ])('%s', (_name, history, from, sequences) => {
    expect(entriesToReplay(history, from).map((e) => e.sequence)).toEqual(sequences);
  });

  it('leaves the stored history as it was', () => {
    const history = [corrected, registered];
    entriesToReplay(history, null);
    expect(history).toEqual([corrected, registered]);
  });
});

describe('replayedEvents', () => {
  it('gives a result’s events from `from` on, in sequence order, as envelopes of the replay', () => {
    const events = replayedEvents(result([deleted, suspended, registered]), MAY_FIRST, REPLAY_ID);
    expect(events.map((e) => [e.sequence, e.type, e.correlationId])).toEqual([
      [3, 'ResultSuspended', REPLAY_ID],
      [4, 'ResultDeleted', REPLAY_ID],
    ]);
  });
});
