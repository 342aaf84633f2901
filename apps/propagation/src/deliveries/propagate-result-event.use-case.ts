import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@rod/contracts';
import type { ApplyOutcome } from '@rod/messaging';
import { DocumentWrites, OutboxRelay, applyInSequence } from '@rod/messaging';
import { Model } from 'mongoose';
import { DEFAULT_PARTNERS } from '../partners/domain/default-partners';
import { planDeliveries } from './domain/plan-deliveries';
import type { PropagationResultDocument } from './persistence/propagation-result.schema';
import { PROPAGATION_RESULT_MODEL } from './persistence/propagation-result.schema';

/** Applies a result event once, in order, and stores the partner deliveries it causes. */
@Injectable()
export class PropagateResultEventUseCase {
  private readonly outboxSource: string;

  constructor(
    @InjectModel(PROPAGATION_RESULT_MODEL)
    private readonly results: Model<PropagationResultDocument>,
    private readonly relay: OutboxRelay,
    private readonly writes: DocumentWrites,
  ) {
    this.outboxSource = relay.addSource(results);
  }

  execute(event: EventEnvelope): Promise<ApplyOutcome> {
    return applyInSequence(
      this.results,
      event,
      (state, next) => planDeliveries(DEFAULT_PARTNERS, state, next, new Date()),
      this.writes,
      (written) => {
        if (written.outboxPending) {
          this.relay.notify(this.outboxSource, written._id, written.outbox);
        }
      },
    );
  }
}
