import { Injectable } from '@nestjs/common';
import type { LedgerLine } from './domain/ledger-line';
import { linesOf } from './domain/ledger-line';
import { NewestLines } from './domain/newest-lines';
import type { DeliveriesQuery } from './http/deliveries-query';
import { LedgerReader } from './persistence/ledger-reader';

/** `GET /v1/deliveries`: the ledger's lines that match, newest `updatedAt` first. */
@Injectable()
export class ListDeliveriesQuery {
  constructor(private readonly ledgers: LedgerReader) {}

  async execute(query: DeliveriesQuery): Promise<LedgerLine[]> {
    const newest = new NewestLines(query.limit);
    if (query.resultId !== undefined) {
      const ledger = await this.ledgers.one(query.resultId);
      if (ledger) newest.add(linesOf(ledger, query));
      return newest.list();
    }
    for await (const ledger of this.ledgers.all()) newest.add(linesOf(ledger, query));
    return newest.list();
  }
}
