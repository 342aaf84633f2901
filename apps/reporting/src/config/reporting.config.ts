import { BaseServiceConfig, loadConfig } from '@rod/platform';
import { IsInt, Max, Min } from 'class-validator';

export class ReportingConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTING_PORT: number = 3003;
}

export const loadReportingConfig = (): ReportingConfig => loadConfig(ReportingConfig);
