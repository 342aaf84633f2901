import { loadConfig } from '@rod/platform';
import { IsNotEmpty, IsString, IsUrl } from 'class-validator';
import { ReportingConfig } from '../config/reporting.config';

const SERVICE_URL = { protocols: ['https', 'http'], require_protocol: true, require_tld: false };

/** `npm run reporting:rebuild`: reporting's own settings, and where and as whom it asks the others. */
export class RebuildConfig extends ReportingConfig {
  /** The register, which replays its history (`POST /v1/replays`). */
  @IsUrl(SERVICE_URL, { message: 'REGISTER_URL must be an https:// or http:// URL' })
  REGISTER_URL: string = 'http://127.0.0.1:3001';

  /** Propagation, which lists the irreversible deliveries. */
  @IsUrl(SERVICE_URL, { message: 'PROPAGATION_URL must be an https:// or http:// URL' })
  PROPAGATION_URL: string = 'http://127.0.0.1:3002';

  /** A bearer token with the role `ops`, for both. */
  @IsString({ message: 'ROD_OPS_TOKEN is not set: a bearer token with the role ops' })
  @IsNotEmpty({ message: 'ROD_OPS_TOKEN is not set: a bearer token with the role ops' })
  ROD_OPS_TOKEN: string;

  /** The rebuild builds the overviews itself: the schedule stays with the running service. */
  override REPORTING_BUILD_SCHEDULE = false;
}

export const loadRebuildConfig = (): RebuildConfig => loadConfig(RebuildConfig);
