import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { DeliveryCounts, DeliveryCountsByPartner } from '../../partners/delivery-counts.port';
import type { PropagationResultDocument } from './propagation-result.schema';
import { PROPAGATION_RESULT_MODEL } from './propagation-result.schema';

/** The ledger's entries counted per partner and status (for `GET /v1/partners`). */
@Injectable()
export class LedgerCounts implements DeliveryCounts {
  constructor(
    @InjectModel(PROPAGATION_RESULT_MODEL)
    private readonly results: Model<PropagationResultDocument>,
  ) {}

  /**
   * Read through once, as a stream: FerretDB 1.24 answers `$unwind` on a nested array with
   * nothing, and scans for any query but a bare `_id` anyway. Fine for an operations page;
   * a counter kept per partner would be the next step at national volumes.
   */
  async countsByPartner(): Promise<DeliveryCountsByPartner> {
    const counts: DeliveryCountsByPartner = {};
    const cursor = this.results
      .find({}, { 'state.entries.partnerId': 1, 'state.entries.status': 1 })
      .lean<Pick<PropagationResultDocument, 'state'>>()
      .cursor();
    for await (const doc of cursor) {
      for (const { partnerId, status } of doc.state?.entries ?? []) {
        const partner = (counts[partnerId] ??= {});
        partner[status] = (partner[status] ?? 0) + 1;
      }
    }
    return counts;
  }
}
