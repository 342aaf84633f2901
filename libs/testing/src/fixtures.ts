import type { EventEnvelope, EventType } from '@rod/contracts';

/** A fixed event id, for fixtures whose outcome depends on it (delivery ids). */
export const FIXTURE_EVENT_ID = '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11';

/** An event of result 21PA-2026000123, with fixed ids and time, for unit tests. */
export function anEvent(
  type: EventType,
  data: unknown,
  overrides: Partial<EventEnvelope> = {},
): EventEnvelope {
  return {
    eventId: FIXTURE_EVENT_ID,
    type,
    schemaVersion: 1,
    occurredAt: '2026-07-04T09:12:00.000Z',
    producer: 'register',
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    resultId: '21PA-2026000123',
    institutionCode: '21PA',
    sequence: 1,
    data,
    ...overrides,
  };
}
