import type { EventData, EventEnvelope, EventType } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import type { CommandMeta } from './command-meta';
import type { ResultRecord } from './result-state';

/** The next event of a result's history, caused by a command. */
export function nextResultEvent<T extends EventType>(
  type: T,
  record: Pick<ResultRecord, '_id' | 'institutionCode' | 'sequence'>,
  meta: CommandMeta,
  data: EventData<T>,
  now: Date,
): EventEnvelope<T> {
  return createEnvelope({
    type,
    producer: 'register',
    correlationId: meta.correlationId,
    causationId: meta.commandId,
    resultId: record._id,
    institutionCode: record.institutionCode,
    sequence: record.sequence + 1,
    data,
    occurredAt: now,
  });
}
