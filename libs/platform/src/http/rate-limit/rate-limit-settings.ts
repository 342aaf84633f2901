import type { BaseServiceConfig } from '../../config/load-config';

/** The settings of BaseServiceConfig the rate limit reads. */
export type RateLimitSettings = Pick<
  BaseServiceConfig,
  | 'RATE_LIMIT_WINDOW_SECONDS'
  | 'RATE_LIMIT_CLIENT'
  | 'RATE_LIMIT_ANONYMOUS_READ'
  | 'RATE_LIMIT_ANONYMOUS_WRITE'
>;

/** The injection token of the RateLimitSettings (any service's config object will do). */
export const RATE_LIMIT_SETTINGS = Symbol('RATE_LIMIT_SETTINGS');
