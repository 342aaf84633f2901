/**
 * Every exchange, queue and routing key of the public contract (CONTRACT.md).
 * Nothing else in the repository spells a broker name.
 * Renaming anything here is a migration: the broker keeps the old names.
 */

export const Exchanges = {
  registerCommands: 'register.commands',
  registerReplies: 'register.replies',
  resultsEvents: 'results.events',
  propagationEvents: 'propagation.events',
  partnersOutbound: 'partners.outbound',
  reportingEvents: 'reporting.events',
} as const;
export type ExchangeName = (typeof Exchanges)[keyof typeof Exchanges];

/** The commands an institution back-end sends, as they appear in routing keys. */
export const CommandKeys = {
  registerResult: 'register-result',
  correctResult: 'correct-result',
  deleteResult: 'delete-result',
  reportFraud: 'report-fraud',
} as const;
export type CommandKey = (typeof CommandKeys)[keyof typeof CommandKeys];

export const RoutingKeys = {
  /** `institution.<code>.<command>` on register.commands. */
  command: (institutionCode: string, command: CommandKey): string =>
    `institution.${institutionCode}.${command}`,
  /** Every command of every institution: register's binding. */
  allCommands: 'institution.*.*',
  /** `institution.<code>.accepted|rejected` on register.replies. */
  reply: (institutionCode: string, status: 'accepted' | 'rejected'): string =>
    `institution.${institutionCode}.${status}`,
  /** What an institution binds to receive its own replies. */
  institutionReplies: (institutionCode: string): string => `institution.${institutionCode}.#`,
  resultRegistered: 'result.registered.v1',
  resultCorrected: 'result.corrected.v1',
  resultDeleted: 'result.deleted.v1',
  resultSuspended: 'result.suspended.v1',
  resultReinstated: 'result.reinstated.v1',
  extractIssued: 'extract.issued.v1',
  deliverySucceeded: 'delivery.succeeded.v1',
  deliveryFailed: 'delivery.failed.v1',
  deliveryRetracted: 'delivery.retracted.v1',
  deliveryIrreversible: 'delivery.irreversible.v1',
  overviewPublished: 'overview.published.v1',
  /** partners.outbound routes on the partner id itself. */
  partner: (partnerId: string): string => partnerId,
} as const;

/** Parses `institution.<code>.<rest>`; null when the key names no institution. */
export function parseInstitutionRoutingKey(
  routingKey: string,
): { institutionCode: string; rest: string } | null {
  const match = /^institution\.([^.]+)\.(.+)$/.exec(routingKey);
  return match ? { institutionCode: match[1], rest: match[2] } : null;
}

export const Queues = {
  registerCommands: 'register.commands',
  propagationResultEvents: 'propagation.result-events',
  reportingResultEvents: 'reporting.result-events',
  reportingPropagationEvents: 'reporting.propagation-events',
  registerPropagationEvents: 'register.propagation-events',
  registerExtractStatus: 'register.extract-status',
  helpdeskFraudReports: 'helpdesk.fraud-reports',
  partnerInbox: (partnerId: string): string => `partner.${partnerId}.inbox`,
} as const;

/** Dead letters of `<queue>` land in `<queue>.dlq`, through the `<queue>.dlx` exchange. */
export const deadLetterQueue = (queue: string): string => `${queue}.dlq`;
export const deadLetterExchange = (queue: string): string => `${queue}.dlx`;

export interface QueueBinding {
  exchange: ExchangeName;
  routingKey: string;
}

export interface QueueDeclaration {
  queue: string;
  bindings: QueueBinding[];
}

/**
 * Every event of a result's history. `sequence` counts them all, so a consumer that
 * applies a result's events in order must receive all of them, even those it ignores.
 */
export const ResultEventRoutingKeys = [
  RoutingKeys.resultRegistered,
  RoutingKeys.resultCorrected,
  RoutingKeys.resultDeleted,
  RoutingKeys.resultSuspended,
  RoutingKeys.resultReinstated,
  RoutingKeys.extractIssued,
] as const;

function resultEventBindings(): QueueBinding[] {
  return ResultEventRoutingKeys.map((routingKey) => ({
    exchange: Exchanges.resultsEvents,
    routingKey,
  }));
}

/** Each service's own queues and what they are bound to. */
export const Subscriptions = {
  register: {
    commands: {
      queue: Queues.registerCommands,
      bindings: [{ exchange: Exchanges.registerCommands, routingKey: RoutingKeys.allCommands }],
    },
    /** Which partners hold a result, for a deletion's consequences. */
    propagationEvents: {
      queue: Queues.registerPropagationEvents,
      bindings: [
        { exchange: Exchanges.propagationEvents, routingKey: RoutingKeys.deliverySucceeded },
        { exchange: Exchanges.propagationEvents, routingKey: RoutingKeys.deliveryRetracted },
      ],
    },
    /**
     * The register's own result events, to set the status-list bits of a result's digital
     * extracts (an addition to the contract). Deletions, suspensions, reinstatements and
     * issues are what matter; it takes every result event, as every queue on
     * results.events does, and leaves registrations and corrections alone.
     */
    extractStatus: {
      queue: Queues.registerExtractStatus,
      bindings: resultEventBindings(),
    },
  },
  helpdesk: {
    /** Fraud reports for the helpdesk: every suspension (declared by the register). */
    fraudReports: {
      queue: Queues.helpdeskFraudReports,
      bindings: [{ exchange: Exchanges.resultsEvents, routingKey: RoutingKeys.resultSuspended }],
    },
  },
  propagation: {
    resultEvents: {
      queue: Queues.propagationResultEvents,
      bindings: resultEventBindings(),
    },
  },
  reporting: {
    resultEvents: {
      queue: Queues.reportingResultEvents,
      bindings: resultEventBindings(),
    },
    /** Irreversible deliveries, counted per partner in the overviews. */
    propagationEvents: {
      queue: Queues.reportingPropagationEvents,
      bindings: [
        { exchange: Exchanges.propagationEvents, routingKey: RoutingKeys.deliveryIrreversible },
      ],
    },
  },
} as const satisfies Record<string, Record<string, QueueDeclaration>>;

/** The partner queue for a partner reached over the broker. */
export function partnerInboxDeclaration(partnerId: string): QueueDeclaration {
  return {
    queue: Queues.partnerInbox(partnerId),
    bindings: [
      { exchange: Exchanges.partnersOutbound, routingKey: RoutingKeys.partner(partnerId) },
    ],
  };
}

/**
 * Propagation's own queues (additions to the contract): per partner a work queue, so a
 * slow or failing partner never holds up another, and a queue of parked deliveries that
 * operations see in the management UI; and shared retry delays, each an exchange and a
 * queue whose messages wait there and then dead-letter back to the work queue named by
 * their routing key (the delay lives in the broker, so a restart loses no retry).
 */
export const PropagationQueues = {
  work: (partnerId: string): string => `propagation.partner.${partnerId}.work`,
  parked: (partnerId: string): string => `propagation.partner.${partnerId}.parked`,
  retry: (seconds: number): string => `propagation.retry.${seconds}s`,
  /** The waits a retry can take; a wanted delay is rounded up to the next one. */
  retryDelaysSeconds: [1, 5, 30, 120, 600, 1800] as const,
} as const;
