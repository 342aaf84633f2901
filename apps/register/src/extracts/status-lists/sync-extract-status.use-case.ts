import { Injectable } from '@nestjs/common';
import { PoisonMessageError } from '@rod/messaging';
import { extractBitsFor, isResultStatus } from './domain/extract-status';
import type { ResultStatusName } from './domain/extract-status';
import { storedSlots } from './domain/stored-extracts';
import { ResultExtractsReader } from './persistence/result-extracts.reader';
import { StatusListStore } from './persistence/status-list.store';

/** What a sync did, for the log line. */
export interface ExtractStatusSync {
  status: ResultStatusName;
  extracts: number;
  unusable: number;
  listsChanged: number;
}

/**
 * Gives every extract of a result the status-list bits its result's CURRENT status calls
 * for (deleted: revoked; suspended: suspended; registered: neither). It reads the status
 * instead of trusting the event, so the same event twice, or events out of order, end in
 * the same bits.
 */
@Injectable()
export class SyncExtractStatusUseCase {
  constructor(
    private readonly results: ResultExtractsReader,
    private readonly lists: StatusListStore,
  ) {}

  async execute(resultId: string): Promise<ExtractStatusSync> {
    const result = await this.results.find(resultId);
    // The register stores a result before it publishes its events: this is not ours.
    if (!result) throw new PoisonMessageError(`no result ${resultId} in the register`);
    if (!isResultStatus(result.status)) {
      throw new PoisonMessageError(`result ${resultId} has no known status`);
    }
    const bits = extractBitsFor(result.status);
    const { byList, unusable } = storedSlots(result.extracts);
    let listsChanged = 0;
    let extracts = 0;
    for (const [listNumber, indexes] of byList) {
      extracts += indexes.length;
      const changed = await this.lists.apply(
        listNumber,
        indexes.map((index) => ({ index, ...bits })),
      );
      if (changed) listsChanged += 1;
    }
    return { status: result.status, extracts, unusable, listsChanged };
  }
}
