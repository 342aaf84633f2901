import type { ServiceDefinition } from '@rod/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import type { RegisterConfig } from './config/register.config';
import { commandsQueue } from './results/messaging/commands.queue';

/** The register service: institutions' commands in, result events out. */
export const registerService: ServiceDefinition<RegisterConfig> = {
  name: SERVICE_NAME,
  description: 'Register of higher-education results: results, their history, and digital extracts',
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.REGISTER_PORT,
  transport: () => ({ queues: [commandsQueue] }),
};
