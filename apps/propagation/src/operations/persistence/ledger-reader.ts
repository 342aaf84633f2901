import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { PropagationResultDocument } from '../../deliveries/persistence/propagation-result.schema';
import { PROPAGATION_RESULT_MODEL } from '../../deliveries/persistence/propagation-result.schema';
import type { StoredLedger } from '../../ledger/ledger-messages';
import type { LedgerView } from '../domain/ledger-view';

/**
 * Every field operations read, and not the entries' bodies: those hold personal numbers.
 * An inclusion list, so that a field added to the entries later stays out too.
 */
const WITHOUT_BODIES = Object.fromEntries(
  [
    'state.institutionCode',
    'state.deletion',
    'state.flagged',
    ...[
      'deliveryId',
      'partnerId',
      'eventId',
      'kind',
      'status',
      'attempts',
      'lastError',
      'createdAt',
      'updatedAt',
      'deliveredAt',
    ].map((field) => `state.entries.${field}`),
  ].map((path) => [path, 1]),
);

const DELIVERY_IDS = { 'state.entries.deliveryId': 1 };

type Stored = Pick<PropagationResultDocument, '_id'> & { state: Partial<StoredLedger> | null };

const viewOf = (doc: Stored): LedgerView | null =>
  doc.state
    ? {
        resultId: doc._id,
        institutionCode: doc.state.institutionCode ?? '',
        entries: doc.state.entries ?? [],
        ...(doc.state.deletion ? { deletion: doc.state.deletion } : {}),
        flagged: doc.state.flagged ?? [],
      }
    : null;

/**
 * Reads the delivery ledger for operations. FerretDB uses an index for a bare `_id` only
 * and mishandles `$unwind` on nested arrays, so anything but one result is a stream over
 * the collection, filtered in code (as LedgerCounts does).
 */
@Injectable()
export class LedgerReader {
  constructor(
    @InjectModel(PROPAGATION_RESULT_MODEL)
    private readonly results: Model<PropagationResultDocument>,
  ) {}

  async one(resultId: string): Promise<LedgerView | null> {
    const doc = await this.results.findById(resultId, WITHOUT_BODIES).lean<Stored | null>();
    return doc ? viewOf(doc) : null;
  }

  async *all(): AsyncGenerator<LedgerView> {
    for await (const doc of this.stream(WITHOUT_BODIES)) {
      const view = viewOf(doc);
      if (view) yield view;
    }
  }

  /** The result whose ledger holds the delivery (a delivery id does not name its result). */
  async resultHolding(deliveryId: string): Promise<string | null> {
    for await (const doc of this.stream(DELIVERY_IDS)) {
      if (doc.state?.entries?.some((e) => e.deliveryId === deliveryId)) return doc._id;
    }
    return null;
  }

  private async *stream(projection: Record<string, number>): AsyncGenerator<Stored> {
    const cursor = this.results.find({}, projection).lean<Stored>().cursor();
    try {
      for await (const doc of cursor) yield doc;
    } finally {
      await cursor.close();
    }
  }
}
