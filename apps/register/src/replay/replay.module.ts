import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RESULT_MODEL } from '../results/persistence/result.repository';
import { resultSchema } from '../results/persistence/result.schema';
import { ReplaysController } from './http/replays.controller';
import { QueueCheck } from './messaging/queue-check';
import { ReplaySender } from './messaging/replay-sender';
import { ResultHistories } from './persistence/result-histories';
import { ReplayEventsUseCase } from './replay-events.use-case';

/** Replays of the register's stored events to a queue named by operations (role `ops`). */
@Module({
  imports: [
    // The results module's model: Nest reuses the connection's model of that name.
    MongooseModule.forFeature([{ name: RESULT_MODEL, schema: resultSchema }]),
  ],
  controllers: [ReplaysController],
  providers: [ResultHistories, QueueCheck, ReplaySender, ReplayEventsUseCase],
})
export class ReplayModule {}
