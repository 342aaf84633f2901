import type { INestApplication } from '@nestjs/common';
import type { BaseServiceConfig, ServiceDefinition } from '@rod/platform';
import { startService } from '@rod/platform';
import { TEST_RATE_LIMITS } from './rate-limits';
import { testAmqpUrl, testMongoUrl, uniqueName } from './test-env';

/**
 * Starts a service inside the test process against the real broker (this run's vhost)
 * and its own fresh database, on a free HTTP port.
 */
export async function startInProcess<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  configClass: new () => C,
  overrides: Partial<C> = {},
): Promise<{ app: INestApplication; config: C; url: string }> {
  const config = Object.assign(new configClass(), {
    AMQP_URL: testAmqpUrl(),
    MONGO_URL: testMongoUrl(),
    MONGO_DB: uniqueName(definition.name),
    LOG_LEVEL: process.env.TEST_SERVICE_LOG_LEVEL ?? 'error',
    ...TEST_RATE_LIMITS,
    ...overrides,
  });
  const app = await startService({ ...definition, port: () => 0 }, config);
  return { app, config, url: await app.getUrl() };
}
