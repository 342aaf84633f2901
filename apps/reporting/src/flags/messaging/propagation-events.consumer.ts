import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PoisonMessageError, eventOrPoison } from '@rod/messaging';
import { irreversibleFlagOf } from '../domain/irreversible-flag';
import { RecordFlagUseCase } from '../record-flag.use-case';

/** `reporting.propagation-events`: irreversible deliveries, for the overviews. */
@Controller()
export class PropagationEventsConsumer {
  private readonly logger = new Logger(PropagationEventsConsumer.name);

  constructor(private readonly record: RecordFlagUseCase) {}

  @EventPattern('IrreversibleDeliveryFlagged')
  async onIrreversibleDeliveryFlagged(@Payload() body: unknown): Promise<void> {
    const event = eventOrPoison(body);
    const flag = irreversibleFlagOf(event);
    if (!flag) {
      throw new PoisonMessageError(`event ${event.eventId} is no flag of a result`);
    }
    const outcome = await this.record.execute(flag);
    this.logger.log({
      msg: 'irreversible delivery recorded',
      eventId: event.eventId,
      correlationId: event.correlationId,
      resultId: flag.resultId,
      partnerId: flag.partnerId,
      outcome,
    });
  }
}
