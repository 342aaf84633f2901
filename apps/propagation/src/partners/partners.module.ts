import { Module } from '@nestjs/common';
import { PropagationConfig } from '../config/propagation.config';
import { PartnersController } from './http/partners.controller';
import { PartnerDirectory } from './partner-directory';

/**
 * The configured partners: the PartnerDirectory (exported) and `GET /v1/partners`.
 * The delivery counts it shows come from whatever is bound under DELIVERY_COUNTS.
 */
@Module({
  controllers: [PartnersController],
  providers: [
    {
      provide: PartnerDirectory,
      useFactory: (config: PropagationConfig) => PartnerDirectory.load(config),
      inject: [PropagationConfig],
    },
  ],
  exports: [PartnerDirectory],
})
export class PartnersModule {}
