import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  getMetadataStorage,
  validateSync,
} from 'class-validator';

/** A setting that makes start-up impossible; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Settings every service has (CONTRACT.md, "Running"). */
export class BaseServiceConfig {
  @Matches(/^amqps?:\/\/.+/, { message: 'AMQP_URL must be an amqp:// or amqps:// URL' })
  AMQP_URL: string = 'amqp://guest:guest@127.0.0.1:5672';

  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGO_URL must be a mongodb:// URL' })
  MONGO_URL: string = 'mongodb://127.0.0.1:27017';

  /** The service's own database; defaults to the service's name. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,63}$/, { message: 'MONGO_DB must be a plain database name' })
  MONGO_DB?: string;

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** The token issuer's public keys as a JWKS JSON file; or AUTH_JWKS_URL, not both. */
  @IsOptional()
  @IsString()
  AUTH_JWKS_FILE?: string;

  /** The token issuer's public keys, fetched (and cached) from this JWKS URL. */
  @IsOptional()
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'AUTH_JWKS_URL must be an https:// or http:// URL' },
  )
  AUTH_JWKS_URL?: string;

  /** The `iss` every bearer token must carry. */
  @IsString()
  @IsNotEmpty()
  AUTH_ISSUER: string = 'rod-local';

  /** The `aud` every bearer token must carry. */
  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE: string = 'rod';

  /**
   * Which proxies in front of the service to believe about the client's address
   * (X-Forwarded-For), as express's `trust proxy`: `false` (none: the socket's address),
   * a number of hops, or a comma-separated list of addresses, subnets or `loopback`,
   * `linklocal`, `uniquelocal`. The rate limit counts anonymous clients by that address.
   */
  @Matches(/^(false|true|[1-9]\d?|[0-9A-Za-z.:/]+( *, *[0-9A-Za-z.:/]+)*)$/, {
    message:
      'HTTP_TRUST_PROXY must be false, true, a number of hops, or a comma-separated list of addresses or subnets',
  })
  HTTP_TRUST_PROXY: string = 'false';

  /** The window of the per-client rate limit, in seconds (docs/security.md). */
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Requests per window of one authenticated client (an institution, or a token's `sub`). */
  @IsInt()
  @Min(1)
  RATE_LIMIT_CLIENT: number = 1200;

  /** Requests per window without a valid token, by client address: GET and HEAD. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS_READ: number = 1200;

  /** Requests per window without a valid token, by client address: POST and the other methods. */
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS_WRITE: number = 300;
}

/**
 * Reads and validates a service's settings from the environment once, at start-up.
 * Unknown variables are ignored; a bad value stops the service with a clear message.
 */
export function loadConfig<T extends object>(
  cls: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const defaults = new cls();
  const names = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  );
  const given = [...names].filter((k) => env[k] !== undefined && env[k] !== '');
  const badBooleans = given
    .filter((k) => isBooleanSetting(defaults, k) && env[k] !== 'true' && env[k] !== 'false')
    .map((k) => `${k}: must be true or false`);
  if (badBooleans.length > 0) throw new ConfigError(badBooleans);
  const known = Object.fromEntries(
    given.map((k) => [k, isBooleanSetting(defaults, k) ? env[k] === 'true' : env[k]]),
  );
  const instance = plainToInstance(
    cls,
    { ...defaults, ...known },
    { enableImplicitConversion: true },
  );
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`)),
    );
  }
  return instance;
}

/** Boolean settings take exactly "true" or "false" (implicit conversion would read "0" as true). */
function isBooleanSetting(target: object, key: string): boolean {
  return Reflect.getMetadata('design:type', target, key) === Boolean;
}
