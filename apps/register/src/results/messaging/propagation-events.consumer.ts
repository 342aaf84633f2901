import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventOrPoison } from '@rod/messaging';
import type { DeliveryEvent } from '../record-delivery.use-case';
import { RecordDeliveryUseCase } from '../record-delivery.use-case';

/** `register.propagation-events`: which partners received or retracted a result. */
@Controller()
export class PropagationEventsConsumer {
  private readonly logger = new Logger(PropagationEventsConsumer.name);

  constructor(private readonly recordDelivery: RecordDeliveryUseCase) {}

  @EventPattern('DeliverySucceeded')
  onDeliverySucceeded(@Payload() body: unknown): Promise<void> {
    return this.record(body);
  }

  @EventPattern('DeliveryRetracted')
  onDeliveryRetracted(@Payload() body: unknown): Promise<void> {
    return this.record(body);
  }

  private async record(body: unknown): Promise<void> {
    const event = eventOrPoison(body) as DeliveryEvent;
    const outcome = await this.recordDelivery.execute(event);
    this.logger.log({
      msg: 'delivery recorded',
      type: event.type,
      eventId: event.eventId,
      resultId: event.resultId,
      partnerId: event.data.partnerId,
      outcome,
    });
  }
}
