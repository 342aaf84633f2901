import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@rod/platform';
import { PropagationConfig } from './config/propagation.config';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { LedgerCounts } from './deliveries/persistence/ledger-counts';
import { OperationsModule } from './operations/operations.module';
import { DELIVERY_COUNTS } from './partners/delivery-counts.port';
import { PartnersModule } from './partners/partners.module';

export const SERVICE_NAME = 'propagation';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: PropagationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot(SERVICE_NAME, config),
        DeliveriesModule,
        PartnersModule,
        OperationsModule,
      ],
      providers: [
        { provide: PropagationConfig, useValue: config },
        // GET /v1/partners counts deliveries from the ledger.
        { provide: DELIVERY_COUNTS, useExisting: LedgerCounts },
      ],
      exports: [PropagationConfig, DELIVERY_COUNTS],
    };
  }
}
