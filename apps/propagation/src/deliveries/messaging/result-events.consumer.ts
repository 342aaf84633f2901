import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { validateEvent } from '@rod/contracts';
import { PoisonMessageError, RESULT_EVENTS_PATTERN } from '@rod/messaging';
import { PropagateResultEventUseCase } from '../propagate-result-event.use-case';

/** `propagation.result-events`: every result event, applied in order. */
@Controller()
export class ResultEventsConsumer {
  private readonly logger = new Logger(ResultEventsConsumer.name);

  constructor(private readonly propagate: PropagateResultEventUseCase) {}

  @EventPattern(RESULT_EVENTS_PATTERN)
  async onResultEvent(@Payload() body: unknown): Promise<void> {
    const event = validateEvent(body);
    if (!event.ok) {
      throw new PoisonMessageError(
        `invalid event: ${event.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      );
    }
    const { eventId, correlationId, resultId, type, sequence } = event.value;
    const outcome = await this.propagate.execute(event.value);
    this.logger.log({
      msg: 'result event applied',
      type,
      eventId,
      correlationId,
      resultId,
      sequence,
      outcome,
    });
  }
}
