import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RESULT_EVENTS_PATTERN, eventOrPoison } from '@rod/messaging';
import { withoutPersonalNumbers } from '../domain/without-personal-numbers';
import { RecordResultEventUseCase } from '../record-result-event.use-case';

/** `reporting.result-events`: every result event, applied in order to the read model. */
@Controller()
export class ResultEventsConsumer {
  private readonly logger = new Logger(ResultEventsConsumer.name);

  constructor(private readonly record: RecordResultEventUseCase) {}

  @EventPattern(RESULT_EVENTS_PATTERN)
  async onResultEvent(@Payload() body: unknown): Promise<void> {
    const event = eventOrPoison(body);
    const { eventId, correlationId, resultId, type, sequence } = event;
    const outcome = await this.record.execute(withoutPersonalNumbers(event));
    this.logger.log({
      msg: 'result event recorded',
      type,
      eventId,
      correlationId,
      resultId,
      sequence,
      outcome,
    });
  }
}
