import { BaseServiceConfig, loadConfig } from '@rod/platform';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';

export class ReportingConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTING_PORT: number = 3003;

  /**
   * Build the overview of the period that ended at the start of 1 May and 1 November
   * (Europe/Amsterdam), and at start-up a build that was missed.
   */
  @IsBoolean()
  REPORTING_BUILD_SCHEDULE: boolean = true;
}

export const loadReportingConfig = (): ReportingConfig => loadConfig(ReportingConfig);
