import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DocumentWrites, OutboxRelay, PoisonMessageError } from '@rod/messaging';
import { Model } from 'mongoose';
import { PropagationConfig } from '../config/propagation.config';
import type { AttemptOutcome, RetryPolicy } from '../ledger/domain/apply-attempt';
import { applyAttempt } from '../ledger/domain/apply-attempt';
import type { LedgerChange } from '../ledger/domain/ledger-state';
import type { PartnerWork } from '../ledger/ledger-messages';
import { ledgerMessages } from '../ledger/ledger-messages';
import type { Partner } from '../partners/domain/partner';
import { PartnerDirectory } from '../partners/partner-directory';
import { PartnerSender } from './partner-sender';
import type { PropagationResultDocument } from './persistence/propagation-result.schema';
import { PROPAGATION_RESULT_MODEL } from './persistence/propagation-result.schema';
import { retryDelayMs } from '../transports/retry-policy';

export type DeliveryAttempt = AttemptOutcome['kind'] | 'not-pending';

/**
 * Takes one piece of a partner's work: sends the ledger entry if it is still to be sent,
 * and records the outcome with what follows from it (the next delivery released, a retry
 * through the broker, parking, events) in one write.
 */
@Injectable()
export class DeliverToPartnerUseCase {
  private readonly outboxSource: string;
  private readonly policy: RetryPolicy;

  constructor(
    @InjectModel(PROPAGATION_RESULT_MODEL)
    private readonly results: Model<PropagationResultDocument>,
    private readonly relay: OutboxRelay,
    private readonly writes: DocumentWrites,
    private readonly sender: PartnerSender,
    private readonly partners: PartnerDirectory,
    @Inject(PropagationConfig) config: PropagationConfig,
  ) {
    this.outboxSource = relay.addSource(results);
    this.policy = {
      maxAttempts: config.PROPAGATION_MAX_ATTEMPTS,
      delayMs: (attempt) => retryDelayMs(attempt, config.PROPAGATION_RETRY_BASE_MS),
    };
  }

  async execute(work: PartnerWork): Promise<DeliveryAttempt> {
    const partner = this.partner(work.partnerId);
    const doc = await this.results.findById(work.resultId).lean<PropagationResultDocument | null>();
    const entry = doc?.state?.entries.find((e) => e.deliveryId === work.deliveryId);
    // Delivered, skipped or parked meanwhile, or a duplicate of this work: nothing to send.
    if (!entry || entry.status !== 'pending' || !entry.body) return 'not-pending';
    const outcome = await this.sender.send(partner, { ...entry, body: entry.body });
    await this.record(work, partner, outcome);
    return outcome.kind;
  }

  private partner(id: string): Partner {
    const partner = this.partners.get(id);
    if (!partner) throw new PoisonMessageError(`work for unknown partner ${id}`);
    return partner;
  }

  private async record(
    work: PartnerWork,
    partner: Partner,
    outcome: AttemptOutcome,
  ): Promise<void> {
    const collection = this.results.collection.collectionName;
    await this.writes.exclusively(collection, work.resultId, async () => {
      for (;;) {
        const doc = await this.results
          .findById(work.resultId)
          .lean<PropagationResultDocument | null>();
        if (!doc?.state) return;
        const change: LedgerChange = applyAttempt(
          doc.state,
          work.deliveryId,
          outcome,
          partner,
          this.policy,
          new Date(),
        );
        if (change.effects.length === 0 && change.ledger === doc.state) return;
        const { ledger, messages } = ledgerMessages(
          { ...change.ledger, emitted: doc.state.emitted },
          change.effects,
          { correlationId: work.deliveryId, causationId: work.deliveryId },
        );
        const outbox = [...doc.outbox, ...messages];
        const next: PropagationResultDocument = {
          ...doc,
          state: ledger,
          version: doc.version + 1,
          outbox,
          outboxPending: outbox.length > 0,
        };
        if (await this.writes.replace(this.results, next, doc.version)) {
          if (messages.length > 0) this.relay.notify(this.outboxSource, doc._id, outbox);
          return;
        }
      }
    });
  }
}
