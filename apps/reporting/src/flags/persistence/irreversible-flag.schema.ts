import { Schema } from 'mongoose';
import type { IrreversibleFlag } from '../domain/irreversible-flag';

export const IRREVERSIBLE_FLAG_MODEL = 'IrreversibleFlag';
export const IRREVERSIBLE_FLAGS_COLLECTION = 'irreversible_flags';

/** One irreversible delivery per (result, partner); `_id` is `<resultId>/<partnerId>`. */
export type IrreversibleFlagDocument = IrreversibleFlag;

export const irreversibleFlagSchema = new Schema<IrreversibleFlagDocument>(
  {
    _id: { type: String, required: true },
    resultId: { type: String, required: true },
    institutionCode: { type: String, required: true },
    partnerId: { type: String, required: true },
    deletedAt: { type: String, required: true },
    reason: { type: String, required: true },
    deletionEventId: { type: String, required: true },
    flaggedEventId: { type: String, required: true },
  },
  { collection: IRREVERSIBLE_FLAGS_COLLECTION, versionKey: false },
);
