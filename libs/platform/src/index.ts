export * from './config/load-config';
export * from './logging/logging.module';
export * from './health/health.controller';
export * from './metrics/metrics.controller';
export * from './service-platform.module';
export * from './bootstrap';
export * from './service-exception.filter';
