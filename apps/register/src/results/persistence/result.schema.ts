import type { CommandReplyV1 } from '@rod/contracts';
import type { OutboxFields } from '@rod/messaging';
import { addOutbox } from '@rod/messaging';
import { Schema } from 'mongoose';
import type { HistoryEntry, ResultFields, ResultStatus } from '../domain/result-state';

/** The result aggregate: current fields, full history, processed commands and outbox, in one document. */
export interface ResultDocument extends OutboxFields {
  _id: string;
  institutionCode: string;
  resultSequence: string;
  status: ResultStatus;
  fields: ResultFields;
  registeredAt: string;
  late: boolean;
  /** The sequence number of the result's last event. */
  sequence: number;
  history: HistoryEntry[];
  /** Commands that changed this result, with their replies: a repeated id gets the same answer. */
  commands: { commandId: string; reply: CommandReplyV1 }[];
}

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
  },
  { collection: RESULTS_COLLECTION, versionKey: false, minimize: false },
);
addOutbox(resultSchema);

/** Replies to commands that changed nothing (rejections), kept so a repeat gets the same answer. */
export interface CommandReplyDocument {
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
