import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RESULT_EVENTS_PATTERN, eventOrPoison } from '@rod/messaging';
import { PropagateResultEventUseCase } from '../propagate-result-event.use-case';

/** `propagation.result-events`: every result event, applied in order. */
@Controller()
export class ResultEventsConsumer {
  private readonly logger = new Logger(ResultEventsConsumer.name);

  constructor(private readonly propagate: PropagateResultEventUseCase) {}

  @EventPattern(RESULT_EVENTS_PATTERN)
  async onResultEvent(@Payload() body: unknown): Promise<void> {
    const event = eventOrPoison(body);
    const { eventId, correlationId, resultId, type, sequence } = event;
    const outcome = await this.propagate.execute(event);
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
