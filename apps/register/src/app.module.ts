import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@rod/platform';
import { RegisterConfig } from './config/register.config';
import { ResultsModule } from './results/results.module';
import { ReplayModule } from './replay/replay.module';
import { ExtractInfrastructureModule } from './extracts/extract-infrastructure.module';
import { ExtractsModule } from './extracts/extracts.module';

export const SERVICE_NAME = 'register';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: RegisterConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot(SERVICE_NAME, config),
        ResultsModule,
        ReplayModule,
        ExtractInfrastructureModule,
        ExtractsModule,
      ],
      providers: [{ provide: RegisterConfig, useValue: config }],
      exports: [RegisterConfig],
    };
  }
}
