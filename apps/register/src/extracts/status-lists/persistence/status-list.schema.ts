import { Schema } from 'mongoose';

/** One list pair (revocation and suspension) per list number: the indexes whose bit is set. */
export interface StatusListDocument {
  /** The list number, as a string (DocumentWrites keys documents by string `_id`). */
  _id: string;
  listNumber: number;
  /** Sorted ascending. */
  revoked: number[];
  /** Sorted ascending. */
  suspended: number[];
  /** Counts the changes of the bits; a conditional write compares it. */
  version: number;
  /** When the bits last changed (or the list was opened): the credential's `validFrom`. */
  updatedAt: string;
}

export const STATUS_LISTS_COLLECTION = 'status_lists';

export const statusListSchema = new Schema<StatusListDocument>(
  {
    _id: { type: String, required: true },
    listNumber: { type: Number, required: true },
    revoked: { type: [Number], default: [] },
    suspended: { type: [Number], default: [] },
    version: { type: Number, required: true },
    updatedAt: { type: String, required: true },
  },
  { collection: STATUS_LISTS_COLLECTION, versionKey: false, minimize: false },
);

/**
 * An index handed out: `_id` `<listNumber>/<index>`. Inserting it is the allocation; a
 * duplicate key means it was taken before. Only ever looked up by `_id`.
 */
export interface StatusSlotDocument {
  _id: string;
  allocatedAt: Date;
}

export const STATUS_LIST_SLOTS_COLLECTION = 'status_list_slots';

export const statusSlotSchema = new Schema<StatusSlotDocument>(
  {
    _id: { type: String, required: true },
    allocatedAt: { type: Date, required: true },
  },
  { collection: STATUS_LIST_SLOTS_COLLECTION, versionKey: false },
);

/** The list that allocation currently fills (`_id` `current`); a restart continues there. */
export interface StatusAllocationDocument {
  _id: string;
  listNumber: number;
  version: number;
}

export const STATUS_ALLOCATION_COLLECTION = 'status_list_allocation';
export const CURRENT_ALLOCATION_ID = 'current';

export const statusAllocationSchema = new Schema<StatusAllocationDocument>(
  {
    _id: { type: String, required: true },
    listNumber: { type: Number, required: true },
    version: { type: Number, required: true },
  },
  { collection: STATUS_ALLOCATION_COLLECTION, versionKey: false },
);
