import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PropagationEventsConsumer } from './messaging/propagation-events.consumer';
import {
  IRREVERSIBLE_FLAG_MODEL,
  irreversibleFlagSchema,
} from './persistence/irreversible-flag.schema';
import { RecordFlagUseCase } from './record-flag.use-case';

/** Irreversible deliveries flagged by propagation, kept for the overviews. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: IRREVERSIBLE_FLAG_MODEL, schema: irreversibleFlagSchema }]),
  ],
  controllers: [PropagationEventsConsumer],
  providers: [RecordFlagUseCase],
})
export class FlagsModule {}
