import type { DynamicModule } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@rod/platform';
import { ReportingConfig } from './config/reporting.config';
import { FlagsModule } from './flags/flags.module';
import { OverviewsModule } from './overviews/overviews.module';
import { ResultsModule } from './results/results.module';

export const SERVICE_NAME = 'reporting';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: ReportingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot(SERVICE_NAME, config),
        ResultsModule,
        FlagsModule,
        OverviewsModule,
      ],
      providers: [{ provide: ReportingConfig, useValue: config }],
      exports: [ReportingConfig],
    };
  }
}
