import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ResultEventsConsumer } from './messaging/result-events.consumer';
import {
  PROPAGATION_RESULT_MODEL,
  propagationResultSchema,
} from './persistence/propagation-result.schema';
import { PropagateResultEventUseCase } from './propagate-result-event.use-case';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PROPAGATION_RESULT_MODEL, schema: propagationResultSchema },
    ]),
  ],
  controllers: [ResultEventsConsumer],
  providers: [PropagateResultEventUseCase],
})
export class DeliveriesModule {}
