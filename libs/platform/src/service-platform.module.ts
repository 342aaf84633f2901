import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MessagingModule } from '@rod/messaging';
import { AuthModule } from './auth/auth.module';
import type { BaseServiceConfig } from './config/load-config';
import { HealthController } from './health/health.controller';
import { RateLimitModule } from './http/rate-limit/rate-limit.module';
import { loggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { StorageModeDetector } from './storage-mode';

/**
 * What every service stands on: its validated settings, JSON logs, its own database,
 * the broker (connection, publisher, outbox relay), health and metrics endpoints, and the
 * bearer-token verifier behind @Authenticated(), and the per-client rate limit.
 */
@Module({})
export class ServicePlatformModule {
  static forRoot(service: string, config: BaseServiceConfig): DynamicModule {
    return {
      module: ServicePlatformModule,
      imports: [
        loggingModule(service, () => config.LOG_LEVEL),
        MongooseModule.forRoot(config.MONGO_URL, {
          dbName: config.MONGO_DB ?? service,
          serverSelectionTimeoutMS: 5000,
          appName: service,
        }),
        MessagingModule.forRootAsync({
          useFactory: () => ({ url: config.AMQP_URL, serviceName: service }),
        }),
        AuthModule.forRoot(config),
        RateLimitModule.forRoot(config),
      ],
      controllers: [HealthController, MetricsController],
      providers: [StorageModeDetector],
    };
  }
}
