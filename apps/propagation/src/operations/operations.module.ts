import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  PROPAGATION_RESULT_MODEL,
  propagationResultSchema,
} from '../deliveries/persistence/propagation-result.schema';
import { DeliveriesController } from './http/deliveries.controller';
import { IrreversibleDeliveriesController } from './http/irreversible-deliveries.controller';
import { ListDeliveriesQuery } from './list-deliveries.query';
import { ListIrreversibleDeliveriesQuery } from './list-irreversible-deliveries.query';
import { LedgerReader } from './persistence/ledger-reader';
import { RetryDeliveryUseCase } from './retry-delivery.use-case';

/** Operations over the delivery ledger (role `ops`): the ledger, retries, and the flags. */
@Module({
  imports: [
    // The same model as the deliveries module's: Nest reuses the connection's model.
    MongooseModule.forFeature([
      { name: PROPAGATION_RESULT_MODEL, schema: propagationResultSchema },
    ]),
  ],
  controllers: [DeliveriesController, IrreversibleDeliveriesController],
  providers: [
    LedgerReader,
    ListDeliveriesQuery,
    ListIrreversibleDeliveriesQuery,
    RetryDeliveryUseCase,
  ],
})
export class OperationsModule {}
