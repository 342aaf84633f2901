import type { SequencedDocument } from '@rod/messaging';
import { sequencedSchema } from '@rod/messaging';
import type { PropagationState } from '../domain/plan-deliveries';

export const PROPAGATION_RESULT_MODEL = 'PropagationResult';

/** Per result: the last event applied, the delivery ledger, and the outbox of partner messages. */
export type PropagationResultDocument = SequencedDocument<PropagationState>;

export const propagationResultSchema = sequencedSchema('results');
