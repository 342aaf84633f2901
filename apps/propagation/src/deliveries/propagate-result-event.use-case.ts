import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@rod/contracts';
import type { ApplyOutcome } from '@rod/messaging';
import { DocumentWrites, OutboxRelay, applyInSequence } from '@rod/messaging';
import { Model } from 'mongoose';
import { applyResultEvent } from '../ledger/domain/apply-result-event';
import { ledgerMessages } from '../ledger/ledger-messages';
import { PartnerDirectory } from '../partners/partner-directory';
import type { PropagationResultDocument } from './persistence/propagation-result.schema';
import { PROPAGATION_RESULT_MODEL } from './persistence/propagation-result.schema';

/**
 * Applies a result event to the result's delivery ledger once and in order, and stores the
 * work, retractions and flags it causes in the same write (the outbox publishes them).
 */
@Injectable()
export class PropagateResultEventUseCase {
  private readonly outboxSource: string;

  constructor(
    @InjectModel(PROPAGATION_RESULT_MODEL)
    private readonly results: Model<PropagationResultDocument>,
    private readonly relay: OutboxRelay,
    private readonly writes: DocumentWrites,
    private readonly partners: PartnerDirectory,
  ) {
    this.outboxSource = relay.addSource(results);
  }

  execute(event: EventEnvelope): Promise<ApplyOutcome> {
    return applyInSequence(
      this.results,
      event,
      (state, next) => {
        const change = applyResultEvent(state, next, this.partners.all(), new Date());
        const { ledger, messages } = ledgerMessages(
          { ...change.ledger, emitted: state?.emitted },
          change.effects,
          { correlationId: next.correlationId, causationId: next.eventId },
        );
        return { state: ledger, messages };
      },
      this.writes,
      (written) => {
        if (written.outboxPending) {
          this.relay.notify(this.outboxSource, written._id, written.outbox, written.version);
        }
      },
    );
  }
}
