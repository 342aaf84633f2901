import type { ServiceDefinition } from '@rod/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import type { RegisterConfig } from './config/register.config';
import { Subscriptions } from '@rod/contracts';
import { commandsQueue } from './results/messaging/commands.queue';
import { propagationEventsQueue } from './results/messaging/propagation-events.queue';
import { extractStatusQueue } from './extracts/status-lists/messaging/extract-status.queue';

/** The register service: institutions' commands in, result events out. */
export const registerService: ServiceDefinition<RegisterConfig> = {
  name: SERVICE_NAME,
  description: 'Register of higher-education results: results, their history, and digital extracts',
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.REGISTER_PORT,
  transport: () => ({
    queues: [commandsQueue, propagationEventsQueue, extractStatusQueue],
    // The helpdesk reads fraud reports from its own queue; declared here so none is lost.
    declareOnly: [Subscriptions.helpdesk.fraudReports],
  }),
};
