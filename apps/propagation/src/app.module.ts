import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@rod/platform';
import { PropagationConfig } from './config/propagation.config';
import { DeliveriesModule } from './deliveries/deliveries.module';

export const SERVICE_NAME = 'propagation';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: PropagationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServicePlatformModule.forRoot(SERVICE_NAME, config), DeliveriesModule],
      providers: [{ provide: PropagationConfig, useValue: config }],
      exports: [PropagationConfig],
    };
  }
}
