import type { EventEnvelope } from '@rod/contracts';
import { Schema } from 'mongoose';
import type { Model } from 'mongoose';
import { addOutbox } from '../outbox/outbox.schema';
import type { OutboxFields } from '../outbox/outbox.schema';
import type { OutgoingMessage } from '../publishing/outgoing-message';
import { decideSequence } from '../sequencing';
import type { DocumentWrites } from '../storage/document-writes';

/**
 * A consumer's own record of one result, built from the result's events in order.
 * `held` keeps events that arrived before one they follow; `outbox` what the
 * consumer must publish because of them (stored in the same write).
 */
export interface SequencedDocument<S> extends OutboxFields {
  _id: string;
  lastSequence: number;
  held: string[];
  state: S | null;
}

export type Reducer<S> = (
  state: S | null,
  event: EventEnvelope,
) => { state: S | null; messages?: OutgoingMessage[] };

export type ApplyOutcome = 'applied' | 'duplicate' | 'held';

export function sequencedSchema(collection: string): Schema {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      lastSequence: { type: Number, required: true, default: 0 },
      held: { type: [String], default: [] },
      state: { type: Schema.Types.Mixed, default: null },
    },
    { collection, versionKey: false, minimize: false },
  );
  addOutbox(schema);
  return schema;
}

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;

/**
 * Applies a result's event exactly once and in order: duplicates are dropped, an early
 * event is held until the gap before it is filled. Writes go through DocumentWrites:
 * serialised per document within the process, and conditioned on the version on
 * MongoDB, which keeps instances apart.
 */
export function applyInSequence<S>(
  model: Model<SequencedDocument<S>>,
  event: EventEnvelope,
  reduce: Reducer<S>,
  writes: DocumentWrites,
  /** Called with the document as written, when the event changed it (e.g. to wake the relay). */
  onWritten?: (doc: SequencedDocument<S>) => void,
): Promise<ApplyOutcome> {
  const id = event.resultId;
  if (!id) throw new Error(`event ${event.eventId} has no resultId`);
  return writes.exclusively(model.collection.collectionName, id, async () => {
    if (event.sequence === 1 && (await insertFirst(model, id, event, reduce, writes, onWritten))) {
      return 'applied';
    }
    return applyExclusively(model, id, event, reduce, writes, onWritten);
  });
}

const emptyDocument = <S>(id: string): SequencedDocument<S> => ({
  _id: id,
  lastSequence: 0,
  held: [],
  state: null,
  version: 0,
  outbox: [],
  outboxPending: false,
});

/**
 * A result's first event usually finds no document: insert what it makes straight away,
 * without looking first (a read by `_id` costs FerretDB about as much as the insert). A
 * duplicate key means the document exists (the event again, or later ones held before it):
 * false, and the caller reads and decides as for any other event.
 */
async function insertFirst<S>(
  model: Model<SequencedDocument<S>>,
  id: string,
  event: EventEnvelope,
  reduce: Reducer<S>,
  writes: DocumentWrites,
  onWritten?: (doc: SequencedDocument<S>) => void,
): Promise<boolean> {
  const next = { ...applyReady(emptyDocument<S>(id), [event], reduce), version: 1 };
  if (!(await writes.insert(model as never, next))) return false;
  onWritten?.(next);
  return true;
}

async function applyExclusively<S>(
  model: Model<SequencedDocument<S>>,
  id: string,
  event: EventEnvelope,
  reduce: Reducer<S>,
  writes: DocumentWrites,
  onWritten?: (doc: SequencedDocument<S>) => void,
): Promise<ApplyOutcome> {
  for (;;) {
    const doc = await model.findById(id).lean<SequencedDocument<S> | null>();
    const current: SequencedDocument<S> = doc ?? emptyDocument<S>(id);
    const held = current.held.map((h) => JSON.parse(h) as EventEnvelope);
    const decision = decideSequence(current.lastSequence, event.sequence);
    if (decision === 'duplicate' || held.some((h) => h.sequence === event.sequence)) {
      // The event again, e.g. after its write's answer was lost: what that write left in the
      // outbox may have woken nobody, so wake the relay now rather than at the next sweep.
      if (doc?.outboxPending) onWritten?.(doc);
      return 'duplicate';
    }

    let next: SequencedDocument<S>;
    let outcome: ApplyOutcome;
    if (decision === 'early') {
      outcome = 'held';
      next = { ...current, held: [...current.held, JSON.stringify(event)] };
    } else {
      outcome = 'applied';
      next = applyReady(current, [event, ...held], reduce);
    }
    next.version = current.version + 1;

    try {
      const written = doc
        ? await writes.replace(model, next, doc.version)
        : !!(await model.create(next));
      if (written) {
        onWritten?.(next);
        return outcome;
      }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Another writer got there first: read again and decide again.
  }
}

/** Applies every event that now follows in sequence; the rest stay held. */
function applyReady<S>(
  current: SequencedDocument<S>,
  events: EventEnvelope[],
  reduce: Reducer<S>,
): SequencedDocument<S> {
  let state = current.state;
  let sequence = current.lastSequence;
  const messages: OutgoingMessage[] = [];
  const remaining: EventEnvelope[] = [];
  for (const next of [...events].sort((a, b) => a.sequence - b.sequence)) {
    if (next.sequence !== sequence + 1) {
      remaining.push(next);
      continue;
    }
    const result = reduce(state, next);
    state = result.state;
    sequence = next.sequence;
    messages.push(...(result.messages ?? []));
  }
  return {
    ...current,
    state,
    lastSequence: sequence,
    held: remaining.map((e) => JSON.stringify(e)),
    outbox: [...current.outbox, ...messages],
    outboxPending: current.outboxPending || messages.length > 0,
  };
}
