import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PoisonMessageError } from '@rod/messaging';
import { SyncExtractStatusUseCase } from '../sync-extract-status.use-case';
import { EXTRACT_STATUS_PATTERN } from './extract-status.queue';

/** The events after which a result's extracts may need other bits. */
const STATUS_EVENTS: ReadonlySet<string> = new Set([
  'ResultDeleted',
  'ResultSuspended',
  'ResultReinstated',
  'ExtractIssued',
]);

interface Trigger {
  eventId?: unknown;
  correlationId?: unknown;
  type?: unknown;
  resultId?: unknown;
}

/**
 * `register.extract-status`: after a deletion, suspension, reinstatement or issue, sets the
 * bits of the result's extracts from the result's current status. The event only says
 * which result to look at, so only its `resultId` must be sound: a revocation must not
 * wait on a detail of an event's data.
 */
@Controller()
export class ExtractStatusConsumer {
  private readonly logger = new Logger(ExtractStatusConsumer.name);

  constructor(private readonly sync: SyncExtractStatusUseCase) {}

  @EventPattern(EXTRACT_STATUS_PATTERN)
  async onResultEvent(@Payload() body: unknown): Promise<void> {
    const { eventId, correlationId, type, resultId } = (body ?? {}) as Trigger;
    if (typeof type !== 'string') throw new PoisonMessageError('a message without a type');
    // The queue takes every result event (see Subscriptions.register.extractStatus);
    // registrations and corrections leave a result's extracts as they are.
    if (!STATUS_EVENTS.has(type)) return;
    if (typeof resultId !== 'string' || resultId === '') {
      throw new PoisonMessageError(`${type} ${String(eventId)} names no result`);
    }
    const outcome = await this.sync.execute(resultId);
    this.logger.log({
      msg: 'extract status synced',
      eventId,
      correlationId,
      type,
      resultId,
      ...outcome,
    });
  }
}
