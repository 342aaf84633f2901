import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClientThrottlerGuard } from './client-throttler.guard';
import { RATE_LIMIT_SETTINGS } from './rate-limit-settings';
import type { RateLimitSettings } from './rate-limit-settings';

/**
 * The per-client rate limit on every HTTP route of a service (docs/security.md). Counts are
 * kept in the process's memory: each instance of a service limits on its own.
 */
@Module({})
export class RateLimitModule {
  static forRoot(settings: RateLimitSettings): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [
            {
              name: 'default',
              ttl: settings.RATE_LIMIT_WINDOW_SECONDS * 1000,
              // The guard puts the limit of the client's class in its place.
              limit: settings.RATE_LIMIT_CLIENT,
            },
          ],
        }),
      ],
      providers: [
        { provide: RATE_LIMIT_SETTINGS, useValue: settings },
        { provide: APP_GUARD, useClass: ClientThrottlerGuard },
      ],
    };
  }
}
