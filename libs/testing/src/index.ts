// Test support: only *.int-spec.ts and *.e2e-spec.ts files import this (lint enforces it).
export * from './test-env';
export * from './broker-probe';
export * from './contract';
export * from './in-process-service';
export * from './service-processes';
export * from './broker-restart';
export * from './fixtures';
export * from './auth-tokens';
export * from './results';
export * from './chromium';
export * from './pdf';
export * from './http-fuzz';
export * from './rate-limits';
