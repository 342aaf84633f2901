import type { BaseServiceConfig } from '../config/load-config';

/** The settings of BaseServiceConfig the token verifier reads. */
export type AuthSettings = Pick<
  BaseServiceConfig,
  'AUTH_JWKS_FILE' | 'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE'
>;

/** The injection token of the AuthSettings (any service's config object will do). */
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
