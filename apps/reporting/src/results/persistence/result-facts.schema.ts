import type { SequencedDocument } from '@rod/messaging';
import { sequencedSchema } from '@rod/messaging';
import type { ResultFacts } from '../domain/result-facts';

export const RESULT_FACTS_MODEL = 'ResultFacts';

/** Per result: the facts the overviews count, and the last event applied. */
export type ResultFactsDocument = SequencedDocument<ResultFacts>;

export const resultFactsSchema = sequencedSchema('results');
resultFactsSchema.index({ 'state.institutionCode': 1 });
