import type { OutgoingMessage, SequencedDocument } from '@rod/messaging';
import { sequencedSchema } from '@rod/messaging';
import type { StoredLedger } from '../../ledger/ledger-messages';

export const PROPAGATION_RESULT_MODEL = 'PropagationResult';
export const PROPAGATION_RESULTS_COLLECTION = 'results';

/** Per result: the last event applied, the delivery ledger, and the outbox of its messages. */
export type PropagationResultDocument = SequencedDocument<StoredLedger>;

export const propagationResultSchema = sequencedSchema(PROPAGATION_RESULTS_COLLECTION);

/** The document with a new ledger and `messages` added to its outbox, one version on. */
export function withLedger(
  doc: PropagationResultDocument,
  ledger: StoredLedger,
  messages: OutgoingMessage[],
): PropagationResultDocument {
  const outbox = [...doc.outbox, ...messages];
  return {
    ...doc,
    state: ledger,
    version: doc.version + 1,
    outbox,
    outboxPending: outbox.length > 0,
  };
}
