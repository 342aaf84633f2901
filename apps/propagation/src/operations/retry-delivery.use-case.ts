import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DocumentWrites, OutboxRelay } from '@rod/messaging';
import { Model } from 'mongoose';
import type { PropagationResultDocument } from '../deliveries/persistence/propagation-result.schema';
import {
  PROPAGATION_RESULT_MODEL,
  withLedger,
} from '../deliveries/persistence/propagation-result.schema';
import { ledgerMessages } from '../ledger/ledger-messages';
import type { LedgerLine } from './domain/ledger-line';
import type { RetryDecision } from './domain/retry-decision';
import { decideRetry } from './domain/retry-decision';
import { notParked, unknownDelivery } from './http/operations-problems';
import { LedgerReader } from './persistence/ledger-reader';

/**
 * `POST /v1/deliveries/{id}/retry`: gives a parked delivery a fresh set of attempts and
 * releases it to its partner's work queue, in one write with the work message (outbox);
 * the partner's worker then delivers it.
 */
@Injectable()
export class RetryDeliveryUseCase {
  private readonly outboxSource: string;

  constructor(
    @InjectModel(PROPAGATION_RESULT_MODEL)
    private readonly results: Model<PropagationResultDocument>,
    private readonly relay: OutboxRelay,
    private readonly writes: DocumentWrites,
    private readonly ledgers: LedgerReader,
  ) {
    this.outboxSource = relay.addSource(results);
  }

  /** The retried delivery's line; a 404 or 409 problem when there is nothing to retry. */
  async execute(deliveryId: string): Promise<LedgerLine> {
    const resultId = await this.ledgers.resultHolding(deliveryId);
    if (resultId === null) throw unknownDelivery(deliveryId);
    const collection = this.results.collection.collectionName;
    const outcome = await this.writes.exclusively(collection, resultId, () =>
      this.retry(resultId, deliveryId),
    );
    switch (outcome.kind) {
      case 'unknown':
        throw unknownDelivery(deliveryId);
      case 'not-parked':
        throw notParked(deliveryId, outcome.status);
      case 'retried':
        return outcome.line;
    }
  }

  private async retry(resultId: string, deliveryId: string): Promise<RetryDecision> {
    for (;;) {
      const doc = await this.results.findById(resultId).lean<PropagationResultDocument | null>();
      if (!doc) return { kind: 'unknown' };
      const decision = decideRetry(doc.state, deliveryId, new Date());
      if (decision.kind !== 'retried') return decision;
      const { ledger, messages } = ledgerMessages(
        { ...decision.change.ledger, emitted: doc.state?.emitted },
        decision.change.effects,
        { correlationId: deliveryId, causationId: deliveryId },
      );
      const next = withLedger(doc, ledger, messages);
      if (await this.writes.replace(this.results, next, doc.version)) {
        if (messages.length > 0)
          this.relay.notify(this.outboxSource, doc._id, next.outbox, next.version);
        return decision;
      }
    }
  }
}
