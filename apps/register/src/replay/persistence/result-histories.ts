import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { StoredHistory } from '../domain/replayed-event';
import { RESULT_MODEL } from '../../results/persistence/result.repository';
import type { ResultDocument } from '../../results/persistence/result.schema';

/** Documents fetched from the database at a time: a few hundred results in memory at most. */
export const HISTORY_CURSOR_BATCH = 200;

/** The stored results' histories, read for a replay. */
@Injectable()
export class ResultHistories {
  constructor(@InjectModel(RESULT_MODEL) private readonly results: Model<ResultDocument>) {}

  /**
   * Every result in `_id` order, streamed through a cursor: only identity and history are
   * read, and the next documents are fetched only as fast as the caller takes them.
   */
  async *inIdOrder(): AsyncGenerator<StoredHistory> {
    const cursor = this.results
      .find({}, { institutionCode: 1, history: 1 })
      .sort({ _id: 1 })
      .lean<StoredHistory[]>()
      .cursor({ batchSize: HISTORY_CURSOR_BATCH });
    try {
      for await (const result of cursor) yield result;
    } finally {
      await cursor.close();
    }
  }
}
