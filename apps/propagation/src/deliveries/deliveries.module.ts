import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeliverToPartnerUseCase } from './deliver-to-partner.use-case';
import { PartnerWorkConsumer } from './messaging/partner-work.consumer';
import { ResultEventsConsumer } from './messaging/result-events.consumer';
import { PartnersModule } from '../partners/partners.module';
import { PartnerSender } from './partner-sender';
import { LedgerCounts } from './persistence/ledger-counts';
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
    PartnersModule,
  ],
  controllers: [ResultEventsConsumer, PartnerWorkConsumer],
  providers: [PropagateResultEventUseCase, DeliverToPartnerUseCase, PartnerSender, LedgerCounts],
  exports: [LedgerCounts],
})
export class DeliveriesModule {}
