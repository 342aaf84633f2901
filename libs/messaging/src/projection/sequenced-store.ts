import type { EventEnvelope } from '@rod/contracts';
import { Schema } from 'mongoose';
import type { Model } from 'mongoose';
import { addOutbox } from '../outbox/outbox.schema';
import type { OutboxFields } from '../outbox/outbox.schema';
import type { OutgoingMessage } from '../publishing/outgoing-message';
import { decideSequence } from '../sequencing';
import type { DocumentLocks } from '../transport/keyed-serial-executor';

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
 * event is held until the gap before it is filled. Within a process the document's
 * lock serialises writers (and the relay); every write is also conditioned on the
 * document's version, which keeps instances apart on MongoDB.
 */
export function applyInSequence<S>(
  sequencedModel: Model<SequencedDocument<S>>,
  event: EventEnvelope,
  reduce: Reducer<S>,
  locks: DocumentLocks,
): Promise<ApplyOutcome> {
  const id = event.resultId;
  if (!id) throw new Error(`event ${event.eventId} has no resultId`);
  return locks.run(sequencedModel.collection.collectionName, id, () =>
    applyUnlocked(sequencedModel, id, event, reduce),
  );
}

async function applyUnlocked<S>(
  sequencedModel: Model<SequencedDocument<S>>,
  id: string,
  event: EventEnvelope,
  reduce: Reducer<S>,
): Promise<ApplyOutcome> {
  // The typed filter of mongoose cannot follow a generic document; the shape is ours.
  const model = sequencedModel as unknown as Model<{ _id: string; version: number }>;
  for (;;) {
    const doc = await model.findById(id).lean<SequencedDocument<S> | null>();
    const lastSequence = doc?.lastSequence ?? 0;
    const held = (doc?.held ?? []).map((h) => JSON.parse(h) as EventEnvelope);
    const decision = decideSequence(lastSequence, event.sequence);
    if (decision === 'duplicate' || held.some((h) => h.sequence === event.sequence)) {
      return 'duplicate';
    }

    let update: object;
    let outcome: ApplyOutcome;
    if (decision === 'early') {
      outcome = 'held';
      update = { $push: { held: JSON.stringify(event) }, $inc: { version: 1 } };
    } else {
      outcome = 'applied';
      let state: S | null = doc?.state ?? null;
      let sequence = lastSequence;
      const messages: OutgoingMessage[] = [];
      const queue = [event, ...held].sort((a, b) => a.sequence - b.sequence);
      const remaining: EventEnvelope[] = [];
      for (const next of queue) {
        if (next.sequence !== sequence + 1) {
          remaining.push(next);
          continue;
        }
        const result = reduce(state, next);
        state = result.state;
        sequence = next.sequence;
        messages.push(...(result.messages ?? []));
      }
      update = {
        $set: {
          state,
          lastSequence: sequence,
          held: remaining.map((e) => JSON.stringify(e)),
          ...(messages.length > 0 ? { outboxPending: true } : {}),
        },
        $inc: { version: 1 },
        ...(messages.length > 0 ? { $push: { outbox: { $each: messages } } } : {}),
      };
    }

    try {
      if (doc) {
        const { matchedCount } = await model.updateOne({ _id: id, version: doc.version }, update);
        if (matchedCount === 1) return outcome;
      } else {
        await model.create(initialDocument(id, update));
        return outcome;
      }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Someone else wrote this result meanwhile: read again and decide again.
  }
}

/** The first document of a result, built from the update a later write would make. */
function initialDocument(id: string, update: object): object {
  const u = update as {
    $set?: Record<string, unknown>;
    $push?: { held?: string; outbox?: { $each: OutgoingMessage[] } };
  };
  return {
    _id: id,
    lastSequence: 0,
    held: u.$push?.held ? [u.$push.held] : [],
    state: null,
    outbox: u.$push?.outbox?.$each ?? [],
    outboxPending: (u.$push?.outbox?.$each.length ?? 0) > 0,
    ...u.$set,
    version: 1,
  };
}
