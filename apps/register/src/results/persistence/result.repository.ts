import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CommandReplyV1 } from '@rod/contracts';
import { OutboxRelay } from '@rod/messaging';
import { Model } from 'mongoose';
import type { CommandReplyDocument, ResultDocument } from './result.schema';

export const RESULT_MODEL = 'Result';
export const COMMAND_REPLY_MODEL = 'CommandReply';

const isDuplicateKey = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 11000;

/** The register's storage of results; every write that emits messages notifies the relay. */
@Injectable()
export class ResultRepository {
  private readonly outboxSource: string;

  constructor(
    @InjectModel(RESULT_MODEL) private readonly results: Model<ResultDocument>,
    @InjectModel(COMMAND_REPLY_MODEL) private readonly replies: Model<CommandReplyDocument>,
    private readonly relay: OutboxRelay,
  ) {
    this.outboxSource = relay.addSource(results);
  }

  findById(resultId: string): Promise<ResultDocument | null> {
    return this.results.findById(resultId).lean<ResultDocument | null>().exec();
  }

  /** Stores a new result with its outbox; false when the result exists already. */
  async insert(doc: ResultDocument): Promise<boolean> {
    try {
      await this.results.create(doc);
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    this.relay.notify(this.outboxSource, doc._id, doc.outbox);
    return true;
  }

  async findReply(commandId: string): Promise<CommandReplyV1 | null> {
    const doc = await this.replies.findById(commandId).lean<CommandReplyDocument | null>().exec();
    return doc?.reply ?? null;
  }

  /** Keeps the first reply to a command that changed nothing; a repeat keeps the first. */
  async recordReply(reply: CommandReplyV1): Promise<CommandReplyV1> {
    try {
      await this.replies.create({ _id: reply.commandId, reply, recordedAt: new Date() });
      return reply;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.findReply(reply.commandId)) ?? reply;
    }
  }
}
