import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventEnvelope } from '@rod/contracts';
import type { ApplyOutcome } from '@rod/messaging';
import { DocumentWrites, applyInSequence } from '@rod/messaging';
import { Model } from 'mongoose';
import { applyToFacts } from './domain/result-facts';
import type { ResultFactsDocument } from './persistence/result-facts.schema';
import { RESULT_FACTS_MODEL } from './persistence/result-facts.schema';

/** Keeps reporting's read model of a result up to date: once per event, in order. */
@Injectable()
export class RecordResultEventUseCase {
  constructor(
    @InjectModel(RESULT_FACTS_MODEL) private readonly results: Model<ResultFactsDocument>,
    private readonly writes: DocumentWrites,
  ) {}

  execute(event: EventEnvelope): Promise<ApplyOutcome> {
    return applyInSequence(
      this.results,
      event,
      (facts, next) => ({ state: applyToFacts(facts, next) }),
      this.writes,
    );
  }
}
