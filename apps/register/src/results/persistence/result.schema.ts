import type { CommandReplyV1 } from '@rod/contracts';
import type { OutboxFields } from '@rod/messaging';
import { addOutbox } from '@rod/messaging';
import { Schema } from 'mongoose';
import type { ResultRecord } from '../domain/result-state';

/** The result aggregate: current fields, full history, decided commands and outbox, in one document. */
export interface ResultDocument extends ResultRecord, OutboxFields {}

export const RESULTS_COLLECTION = 'results';

export const resultSchema = new Schema<ResultDocument>(
  {
    _id: { type: String, required: true },
    institutionCode: { type: String, required: true, index: true },
    resultSequence: { type: String, required: true },
    status: { type: String, required: true },
    fields: { type: Schema.Types.Mixed, required: true },
    registeredAt: { type: String, required: true },
    late: { type: Boolean, required: true },
    sequence: { type: Number, required: true },
    history: { type: Schema.Types.Mixed, default: [] },
    commands: { type: Schema.Types.Mixed, default: [] },
    holdings: { type: Schema.Types.Mixed, default: [] },
    extractsIssued: { type: Number, required: true, default: 0 },
    extracts: { type: Schema.Types.Mixed, default: [] },
  },
  { collection: RESULTS_COLLECTION, versionKey: false, minimize: false },
);
addOutbox(resultSchema);
// A student's results are found by their person number.
resultSchema.index({ 'fields.person.bsn': 1 });
resultSchema.index({ 'fields.person.educationNumber': 1 });

/** Replies to commands that changed nothing (rejections), kept so a repeat gets the same answer. */
export interface CommandReplyDocument {
  /** `replyKeyOf(meta)`: who acted and their command id. */
  _id: string;
  reply: CommandReplyV1;
  recordedAt: Date;
}

export const commandReplySchema = new Schema<CommandReplyDocument>(
  {
    _id: { type: String, required: true },
    reply: { type: Schema.Types.Mixed, required: true },
    recordedAt: { type: Date, required: true },
  },
  { collection: 'command_replies', versionKey: false },
);
