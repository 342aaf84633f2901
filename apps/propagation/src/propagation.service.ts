import { PropagationQueues, Subscriptions, partnerInboxDeclaration } from '@rod/contracts';
import { resultEventsQueue } from '@rod/messaging';
import type { ServiceDefinition } from '@rod/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import type { PropagationConfig } from './config/propagation.config';
import { partnerWorkQueue } from './deliveries/messaging/partner-work.queue';
import { PartnerDirectory } from './partners/partner-directory';

/** The propagation service: result events in, partner deliveries out. */
export const propagationService: ServiceDefinition<PropagationConfig> = {
  name: SERVICE_NAME,
  description: 'Passes results on to chain partners and keeps the delivery ledger',
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.PROPAGATION_PORT,
  transport: (app) => {
    const partners = app.get(PartnerDirectory).all();
    return {
      // Each partner's work queue has its own consumer: a slow partner holds up no other.
      queues: [
        resultEventsQueue(Subscriptions.propagation.resultEvents),
        ...partners.map((p) => partnerWorkQueue(p.id)),
      ],
      declareOnly: [
        // Partners reached over the broker read their own inbox queue; we declare it so
        // nothing published to a partner is lost before the partner first connects.
        ...partners
          .filter((p) => p.transport.kind === 'queue')
          .map((p) => partnerInboxDeclaration(p.id)),
        ...partners.map((p) => ({ queue: PropagationQueues.parked(p.id), bindings: [] })),
      ],
      delayQueues: PropagationQueues.retryDelaysSeconds.map((seconds) => ({
        exchange: PropagationQueues.retry(seconds),
        queue: PropagationQueues.retry(seconds),
        delayMs: seconds * 1000,
      })),
    };
  },
};
