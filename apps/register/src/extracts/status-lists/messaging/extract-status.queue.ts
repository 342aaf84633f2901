import { Subscriptions } from '@rod/contracts';
import type { ConsumedQueue } from '@rod/messaging';

/**
 * The one handler pattern of `register.extract-status`: its own, so that no other handler
 * of the register (which may take result events by their type) receives these messages.
 */
export const EXTRACT_STATUS_PATTERN = 'register.extract-status';

/** The register's own result events, to keep the status lists' bits up to date; one result at a time. */
export const extractStatusQueue: ConsumedQueue = {
  declaration: Subscriptions.register.extractStatus,
  patternOf: () => EXTRACT_STATUS_PATTERN,
  orderingKey: (body, message) => {
    const resultId = (body as { resultId?: unknown } | null)?.resultId;
    return typeof resultId === 'string' ? resultId : `tag:${message.fields.deliveryTag}`;
  },
};
