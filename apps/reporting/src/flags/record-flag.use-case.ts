import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { IrreversibleFlag } from './domain/irreversible-flag';
import type { IrreversibleFlagDocument } from './persistence/irreversible-flag.schema';
import { IRREVERSIBLE_FLAG_MODEL } from './persistence/irreversible-flag.schema';

export type RecordFlagOutcome = 'recorded' | 'duplicate';

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;

/**
 * Stores an irreversible delivery once. The key is the result and the partner, so the
 * same flag again (a redelivery, a replay) is a duplicate and the first one stays:
 * idempotent, whatever order flags arrive in.
 */
@Injectable()
export class RecordFlagUseCase {
  constructor(
    @InjectModel(IRREVERSIBLE_FLAG_MODEL) private readonly flags: Model<IrreversibleFlagDocument>,
  ) {}

  async execute(flag: IrreversibleFlag): Promise<RecordFlagOutcome> {
    try {
      await this.flags.create(flag);
      return 'recorded';
    } catch (error) {
      if (isDuplicateKey(error)) return 'duplicate';
      throw error;
    }
  }
}
