import type { ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type {
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { TokenVerifier } from '../../auth/token-verifier';
import { HealthController } from '../../health/health.controller';
import { MetricsController } from '../../metrics/metrics.controller';
import type { RateLimitedRequest } from './rate-limit-client';
import { rateLimitClient, rateLimitOf } from './rate-limit-client';
import { RATE_LIMIT_SETTINGS } from './rate-limit-settings';
import type { RateLimitSettings } from './rate-limit-settings';
import { rateLimitedProblem } from './rate-limited.problem';

/** Probes of the platform, which orchestrators and Prometheus call as often as they like. */
const EXEMPT_CONTROLLERS: readonly unknown[] = [HealthController, MetricsController];

/**
 * @nestjs/throttler's guard, counting per client (rate-limit-client.ts) instead of per
 * address and handler: one bucket per client and class across all of a service's routes.
 * HTTP only (the guard is global, so it also sees message handlers); health and metrics exempt.
 */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(RATE_LIMIT_SETTINGS) private readonly settings: RateLimitSettings,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(
      context.getType() !== 'http' || EXEMPT_CONTROLLERS.includes(context.getClass()),
    );
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const http = request.context.switchToHttp().getRequest<RateLimitedRequest>();
    const client = await rateLimitClient(http, this.verifier);
    return super.handleRequest({
      ...request,
      limit: rateLimitOf(client.limitClass, this.settings),
      getTracker: () => Promise.resolve(client.tracker),
      // A student's subject is their person number: the key is a hash, as everywhere it is kept.
      generateKey: (_context, tracker, name) =>
        createHash('sha256').update(`${name}|${client.limitClass}|${tracker}`).digest('hex'),
    });
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    return Promise.reject(rateLimitedProblem(detail.timeToBlockExpire));
  }
}
