import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { RESULTS_COLLECTION } from '../../../results/persistence/result.schema';

/** What the status lists need of a result: its status and its extracts, as stored. */
export interface ResultExtractsView {
  _id: string;
  status?: unknown;
  /** Absent in documents stored before extracts existed. */
  extracts?: unknown;
}

/** Reads a result's status and extracts from the register's `results`, by `_id` only. */
@Injectable()
export class ResultExtractsReader {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  find(resultId: string): Promise<ResultExtractsView | null> {
    return this.connection
      .collection<ResultExtractsView>(RESULTS_COLLECTION)
      .findOne({ _id: resultId }, { projection: { status: 1, extracts: 1 } });
  }
}
