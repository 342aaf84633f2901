import type { SequencedDocument } from '@rod/messaging';
import { sequencedSchema } from '@rod/messaging';
import type { StoredLedger } from '../../ledger/ledger-messages';

export const PROPAGATION_RESULT_MODEL = 'PropagationResult';
export const PROPAGATION_RESULTS_COLLECTION = 'results';

/** Per result: the last event applied, the delivery ledger, and the outbox of its messages. */
export type PropagationResultDocument = SequencedDocument<StoredLedger>;

export const propagationResultSchema = sequencedSchema(PROPAGATION_RESULTS_COLLECTION);
