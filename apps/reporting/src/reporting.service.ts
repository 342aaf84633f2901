import { Subscriptions } from '@rod/contracts';
import { resultEventsQueue } from '@rod/messaging';
import type { ServiceDefinition } from '@rod/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { reportingPropagationEventsQueue } from './flags/messaging/propagation-events.queue';
import type { ReportingConfig } from './config/reporting.config';

/** The reporting service: result events in, the twice-yearly overviews out. */
export const reportingService: ServiceDefinition<ReportingConfig> = {
  name: SERVICE_NAME,
  description: 'Builds the twice-yearly overviews of deleted results per institution',
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.REPORTING_PORT,
  transport: () => ({
    queues: [
      resultEventsQueue(Subscriptions.reporting.resultEvents),
      reportingPropagationEventsQueue,
    ],
  }),
};
