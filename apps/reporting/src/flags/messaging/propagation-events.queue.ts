import { Subscriptions } from '@rod/contracts';
import type { ConsumedQueue } from '@rod/messaging';

/**
 * `reporting.propagation-events`: propagation's irreversible-delivery flags, handled by
 * their `type`, one result's after another (not needed for correctness, since a flag is
 * stored once by its key, but it keeps a result's flags from racing each other).
 */
export const reportingPropagationEventsQueue: ConsumedQueue = {
  declaration: Subscriptions.reporting.propagationEvents,
  orderingKey: (body, message) => {
    const resultId = (body as { resultId?: unknown } | null)?.resultId;
    return typeof resultId === 'string' ? resultId : `tag:${message.fields.deliveryTag}`;
  },
};
