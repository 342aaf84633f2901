import type { EventEnvelope } from '@rod/contracts';
import type { HistoryEntry } from '../../results/domain/result-state';

/** What a replay reads of a stored result: its identity and its history. */
export interface StoredHistory {
  _id: string;
  institutionCode: string;
  history: HistoryEntry[];
}

/**
 * A history entry as the event it was, in the contract's envelope: the original
 * `eventId`, `type`, `sequence`, `occurredAt` and `data`, with the replay as its cause
 * (`correlationId` = `causationId` = the replay id), so a consumer can tell a replayed
 * event from the live one while dropping it as a duplicate by `eventId` or `sequence`.
 */
export function replayedEnvelope(
  result: Pick<StoredHistory, '_id' | 'institutionCode'>,
  entry: HistoryEntry,
  replayId: string,
): EventEnvelope {
  return {
    eventId: entry.eventId,
    type: entry.type,
    schemaVersion: 1,
    occurredAt: entry.occurredAt,
    producer: 'register',
    correlationId: replayId,
    causationId: replayId,
    resultId: result._id,
    institutionCode: result.institutionCode,
    sequence: entry.sequence,
    data: entry.data,
  };
}

/**
 * The entries of a result's history a replay sends, in `sequence` order: all of them, or
 * those that occurred at or after `from` (epoch ms) when it is given.
 */
export function entriesToReplay(history: HistoryEntry[], from: number | null): HistoryEntry[] {
  return history
    .filter((entry) => from === null || Date.parse(entry.occurredAt) >= from)
    .sort((a, b) => a.sequence - b.sequence);
}

/** Every event a replay sends for one result, in `sequence` order. */
export function replayedEvents(
  result: StoredHistory,
  from: number | null,
  replayId: string,
): EventEnvelope[] {
  return entriesToReplay(result.history, from).map((entry) =>
    replayedEnvelope(result, entry, replayId),
  );
}
