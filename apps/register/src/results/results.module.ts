import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommandsConsumer } from './messaging/commands.consumer';
import { ReplyPublisher } from './messaging/reply.publisher';
import {
  COMMAND_REPLY_MODEL,
  RESULT_MODEL,
  ResultRepository,
} from './persistence/result.repository';
import { commandReplySchema, resultSchema } from './persistence/result.schema';
import { RegisterResultUseCase } from './register-result.use-case';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: RESULT_MODEL, schema: resultSchema },
      { name: COMMAND_REPLY_MODEL, schema: commandReplySchema },
    ]),
  ],
  controllers: [CommandsConsumer],
  providers: [ResultRepository, ReplyPublisher, RegisterResultUseCase],
})
export class ResultsModule {}
