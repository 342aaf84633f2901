import { Subscriptions, partnerInboxDeclaration } from '@rod/contracts';
import { resultEventsQueue } from '@rod/messaging';
import type { ServiceDefinition } from '@rod/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import type { PropagationConfig } from './config/propagation.config';
import { DEFAULT_PARTNERS } from './partners/domain/default-partners';

/** The propagation service: result events in, partner deliveries out. */
export const propagationService: ServiceDefinition<PropagationConfig> = {
  name: SERVICE_NAME,
  description: 'Passes results on to chain partners and keeps the delivery ledger',
  module: (config) => AppModule.forRoot(config),
  port: (config) => config.PROPAGATION_PORT,
  transport: () => ({
    queues: [resultEventsQueue(Subscriptions.propagation.resultEvents)],
    // Partners reached over the broker read their own inbox queue; we declare it so
    // nothing published to a partner is lost before the partner first connects.
    declareOnly: DEFAULT_PARTNERS.filter((p) => p.transport.kind === 'queue').map((p) =>
      partnerInboxDeclaration(p.id),
    ),
  }),
};
