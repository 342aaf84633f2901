import { Injectable } from '@nestjs/common';
import type { FlagFilter, IrreversibleFlag } from './domain/irreversible-flag';
import { byDeletedAt, flagMatches, flagsOf } from './domain/irreversible-flag';
import { LedgerReader } from './persistence/ledger-reader';

/** `GET /v1/irreversible-deliveries`: the flags that match, oldest deletion first. */
@Injectable()
export class ListIrreversibleDeliveriesQuery {
  constructor(private readonly ledgers: LedgerReader) {}

  async execute(filter: FlagFilter): Promise<IrreversibleFlag[]> {
    const flags: IrreversibleFlag[] = [];
    for await (const ledger of this.ledgers.all()) {
      if (!ledger.deletion || ledger.flagged.length === 0) continue;
      flags.push(...flagsOf(ledger).filter((flag) => flagMatches(flag, filter)));
    }
    return flags.sort(byDeletedAt);
  }
}
