import type { EventEnvelope } from '@rod/contracts';

/**
 * The event as reporting may keep it: every `person` (the BSN or education number)
 * removed, wherever the event carries one. Applied before anything is stored, held
 * events included.
 */
export function withoutPersonalNumbers(event: EventEnvelope): EventEnvelope {
  return { ...event, data: strip(event.data) };
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'person' && key !== 'bsn' && key !== 'educationNumber')
      .map(([key, v]) => [key, strip(v)]),
  );
}
