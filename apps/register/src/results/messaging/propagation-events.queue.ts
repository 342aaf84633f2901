import { Subscriptions } from '@rod/contracts';
import type { ConsumedQueue } from '@rod/messaging';

/** Propagation's delivery events, handled by their `type`, one result's after another. */
export const propagationEventsQueue: ConsumedQueue = {
  declaration: Subscriptions.register.propagationEvents,
  orderingKey: (body, message) => {
    const resultId = (body as { resultId?: unknown } | null)?.resultId;
    return typeof resultId === 'string' ? resultId : `tag:${message.fields.deliveryTag}`;
  },
};
