import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ResultEventsConsumer } from './messaging/result-events.consumer';
import { RESULT_FACTS_MODEL, resultFactsSchema } from './persistence/result-facts.schema';
import { RecordResultEventUseCase } from './record-result-event.use-case';

@Module({
  imports: [MongooseModule.forFeature([{ name: RESULT_FACTS_MODEL, schema: resultFactsSchema }])],
  controllers: [ResultEventsConsumer],
  providers: [RecordResultEventUseCase],
})
export class ResultsModule {}
