import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, getMetadataStorage, validateSync } from 'class-validator';

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
}

/**
 * Reads and validates a service's settings from the environment once, at start-up.
 * Unknown variables are ignored; a bad value stops the service with a clear message.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new cls();
  const names = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  );
  const known = Object.fromEntries(
    [...names]
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, asBooleanIfDeclared(defaults, k, env[k] as string)]),
  );
  const instance = plainToInstance(cls, { ...defaults, ...known }, { enableImplicitConversion: true });
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`)),
    );
  }
  return instance;
}

/** `"true"`/`"false"` for a boolean setting (implicit conversion would read "false" as true). */
function asBooleanIfDeclared(target: object, key: string, value: string): unknown {
  const type: unknown = Reflect.getMetadata('design:type', target, key);
  if (type !== Boolean) return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
