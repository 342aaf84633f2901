import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { validateEvent } from '@rod/contracts';
import { PoisonMessageError, RESULT_EVENTS_PATTERN } from '@rod/messaging';
import { withoutPersonalNumbers } from '../domain/without-personal-numbers';
import { RecordResultEventUseCase } from '../record-result-event.use-case';

/** `reporting.result-events`: every result event, applied in order to the read model. */
@Controller()
export class ResultEventsConsumer {
  private readonly logger = new Logger(ResultEventsConsumer.name);

  constructor(private readonly record: RecordResultEventUseCase) {}

  @EventPattern(RESULT_EVENTS_PATTERN)
  async onResultEvent(@Payload() body: unknown): Promise<void> {
    const event = validateEvent(body);
    if (!event.ok) {
      throw new PoisonMessageError(
        `invalid event: ${event.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      );
    }
    const { eventId, correlationId, resultId, type, sequence } = event.value;
    const outcome = await this.record.execute(withoutPersonalNumbers(event.value));
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
