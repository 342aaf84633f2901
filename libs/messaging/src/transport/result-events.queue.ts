import type { QueueDeclaration } from '@rod/contracts';
import type { ConsumedQueue } from './amqp.transport';

/** The handler pattern for every event of a result's history (see ResultEventRoutingKeys). */
export const RESULT_EVENTS_PATTERN = 'result-events';

/**
 * A queue of result events: one handler takes them all (it applies them in sequence),
 * and a result's events are handled one after another.
 */
export function resultEventsQueue(declaration: QueueDeclaration): ConsumedQueue {
  return {
    declaration,
    patternOf: () => RESULT_EVENTS_PATTERN,
    orderingKey: (body, message) => {
      const resultId = (body as { resultId?: unknown } | null)?.resultId;
      return typeof resultId === 'string' ? resultId : `tag:${message.fields.deliveryTag}`;
    },
  };
}
