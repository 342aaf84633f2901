import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ScheduleModule } from '@nestjs/schedule';
import {
  IRREVERSIBLE_FLAG_MODEL,
  irreversibleFlagSchema,
} from '../flags/persistence/irreversible-flag.schema';
import { RESULT_FACTS_MODEL, resultFactsSchema } from '../results/persistence/result-facts.schema';
import { BuildOverviewsUseCase } from './build-overviews.use-case';
import { OverviewPageController } from './http/overview-page.controller';
import { OverviewsController } from './http/overviews.controller';
import { OverviewReader } from './overview-reader';
import {
  INSTITUTION_OVERVIEW_MODEL,
  OVERVIEW_MODEL,
  institutionOverviewSchema,
  overviewSchema,
} from './persistence/overview.schema';
import { OverviewSchedule } from './schedule/overview-schedule';

/** The twice-yearly overviews: built from the read model, stored, served as data and as pages. */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    MongooseModule.forFeature([
      { name: OVERVIEW_MODEL, schema: overviewSchema },
      { name: INSTITUTION_OVERVIEW_MODEL, schema: institutionOverviewSchema },
      { name: RESULT_FACTS_MODEL, schema: resultFactsSchema },
      { name: IRREVERSIBLE_FLAG_MODEL, schema: irreversibleFlagSchema },
    ]),
  ],
  controllers: [OverviewsController, OverviewPageController],
  providers: [BuildOverviewsUseCase, OverviewReader, OverviewSchedule],
  exports: [BuildOverviewsUseCase, OverviewReader],
})
export class OverviewsModule {}
