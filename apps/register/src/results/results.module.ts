import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChangeResultUseCase } from './change-result.use-case';
import { BatchController } from './http/batch.controller';
import { HelpdeskController } from './http/helpdesk.controller';
import { InstitutionResultsController } from './http/institution-results.controller';
import { StudentResultsController } from './http/student-results.controller';
import { CommandAnswers } from './messaging/command-answers';
import { CommandsConsumer } from './messaging/commands.consumer';
import { PropagationEventsConsumer } from './messaging/propagation-events.consumer';
import { ReplyPublisher } from './messaging/reply.publisher';
import {
  COMMAND_REPLY_MODEL,
  RESULT_MODEL,
  ResultRepository,
} from './persistence/result.repository';
import { commandReplySchema, resultSchema } from './persistence/result.schema';
import { RecordDeliveryUseCase } from './record-delivery.use-case';
import { RegisterResultUseCase } from './register-result.use-case';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RESULT_MODEL, schema: resultSchema },
      { name: COMMAND_REPLY_MODEL, schema: commandReplySchema },
    ]),
  ],
  controllers: [
    CommandsConsumer,
    PropagationEventsConsumer,
    BatchController,
    InstitutionResultsController,
    HelpdeskController,
    StudentResultsController,
  ],
  providers: [
    ResultRepository,
    ReplyPublisher,
    CommandAnswers,
    RegisterResultUseCase,
    ChangeResultUseCase,
    RecordDeliveryUseCase,
  ],
  // The extracts module issues extracts through the same repository (and outbox source).
  exports: [ResultRepository],
})
export class ResultsModule {}
