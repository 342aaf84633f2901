import { BaseServiceConfig, loadConfig } from '@rod/platform';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { loadPartners } from '../partners/partners-file/load-partners';
import { partnerVariablesFrom } from '../partners/partners-file/partner-variables';

/** The shipped partners file: the two partners of DOMAIN.md. */
export const DEFAULT_PARTNERS_FILE = 'apps/propagation/config/partners.json';

export class PropagationConfig extends BaseServiceConfig {
  @IsInt()
  @Min(1)
  @Max(65535)
  PROPAGATION_PORT: number = 3002;

  /** The partners file (apps/propagation/src/partners/README.md); relative to the working directory. */
  @IsString()
  @IsNotEmpty()
  PROPAGATION_PARTNERS_FILE: string = DEFAULT_PARTNERS_FILE;

  /** Attempts at one delivery before it is parked for operations. */
  @IsInt()
  @Min(1)
  @Max(100)
  PROPAGATION_MAX_ATTEMPTS: number = 8;

  /** The first retry's back-off ceiling in milliseconds; it doubles with every attempt. */
  @IsInt()
  @Min(1)
  @Max(900_000)
  PROPAGATION_RETRY_BASE_MS: number = 1000;

  /**
   * The environment's `PARTNER_<ID>_SECRET` and `PARTNER_<ID>_URL` variables. Their names
   * depend on the partners, so loadConfig cannot list them: loadPropagationConfig does.
   */
  partnerVariables: Record<string, string> = {};
}

/**
 * The settings, and a check of the partners file they point at, so that a bad file stops
 * start-up with the same clear message as a bad setting (the PartnerDirectory reads it
 * again when the application is built).
 */
export function loadPropagationConfig(env: NodeJS.ProcessEnv = process.env): PropagationConfig {
  const config = loadConfig(PropagationConfig, env);
  config.partnerVariables = partnerVariablesFrom(env);
  loadPartners(config);
  return config;
}
