import { PropagationQueues } from '@rod/contracts';
import type { ConsumedQueue } from '@rod/messaging';

export const PARTNER_WORK_PATTERN = 'partner-work';

/**
 * A partner's work queue: its own consumer (and prefetch), so a slow or failing partner
 * never holds up another. Work for one result and partner is taken one at a time.
 */
export function partnerWorkQueue(partnerId: string): ConsumedQueue {
  return {
    declaration: { queue: PropagationQueues.work(partnerId), bindings: [] },
    patternOf: () => PARTNER_WORK_PATTERN,
    orderingKey: (body, message) => {
      const resultId = (body as { resultId?: unknown } | null)?.resultId;
      return typeof resultId === 'string'
        ? `${partnerId}/${resultId}`
        : `tag:${message.fields.deliveryTag}`;
    },
  };
}
