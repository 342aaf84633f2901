import { Injectable } from '@nestjs/common';
import type {
  DeliveryRetractedDataV1,
  DeliverySucceededDataV1,
  EventEnvelope,
} from '@rod/contracts';
import { PoisonMessageError } from '@rod/messaging';
import { isDeepStrictEqual } from 'node:util';
import { afterDeliveryRetracted, afterDeliverySucceeded } from './domain/holdings';
import { ResultRepository } from './persistence/result.repository';

export type DeliveryEvent =
  | EventEnvelope<'DeliverySucceeded', DeliverySucceededDataV1>
  | EventEnvelope<'DeliveryRetracted', DeliveryRetractedDataV1>;

/**
 * Keeps, per result, which partners hold it (for a deletion's consequences), from
 * propagation's events. Idempotent: the same event twice changes nothing the second time.
 */
@Injectable()
export class RecordDeliveryUseCase {
  constructor(private readonly results: ResultRepository) {}

  async execute(event: DeliveryEvent): Promise<'recorded' | 'unchanged'> {
    const resultId = event.resultId;
    if (!resultId) throw new PoisonMessageError(`${event.type} ${event.eventId} names no result`);
    for (;;) {
      const outcome = await this.results.exclusively(resultId, async () => {
        // Only the holdings: the rest of the result (history, commands) is neither read nor
        // rewritten.
        const record = await this.results.findHoldings(resultId);
        // Propagation only delivers what the register published: an unknown result is a
        // message from elsewhere, kept in the dead-letter queue for operations.
        if (!record) throw new PoisonMessageError(`${event.type} for unknown result ${resultId}`);
        const holdings =
          event.type === 'DeliverySucceeded'
            ? afterDeliverySucceeded(record.holdings, event.data)
            : afterDeliveryRetracted(record.holdings, event.data);
        if (isDeepStrictEqual(holdings, record.holdings)) return 'unchanged' as const;
        const written = await this.results.setHoldings(resultId, holdings, record.version);
        return written ? ('recorded' as const) : null;
      });
      if (outcome) return outcome;
    }
  }
}
