import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CommandReplyV1 } from '@rod/contracts';
import { DocumentWrites, OutboxRelay } from '@rod/messaging';
import { Model } from 'mongoose';
import type { PartnerHolding } from '../domain/result-state';
import type { CommandReplyDocument, ResultDocument } from './result.schema';
import { RESULTS_COLLECTION } from './result.schema';

export const RESULT_MODEL = 'Result';
export const COMMAND_REPLY_MODEL = 'CommandReply';

/** What a delivery event changes of a result. */
export interface ResultHoldings {
  holdings: PartnerHolding[];
  version: number;
}

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
    private readonly writes: DocumentWrites,
  ) {
    this.outboxSource = relay.addSource(results);
  }

  findById(resultId: string): Promise<ResultDocument | null> {
    return this.results.findById(resultId).lean<ResultDocument | null>().exec();
  }

  /** A student's results, by the person number the student's token names. */
  findByPersonNumber(personNumber: string): Promise<ResultDocument[]> {
    return this.results
      .find({
        $or: [
          { 'fields.person.bsn': personNumber },
          { 'fields.person.educationNumber': personNumber },
        ],
      })
      .sort({ _id: 1 })
      .lean<ResultDocument[]>()
      .exec();
  }

  /** The results under a fraud investigation, oldest first. */
  findSuspended(): Promise<ResultDocument[]> {
    return this.results
      .find({ status: 'suspended' })
      .sort({ _id: 1 })
      .lean<ResultDocument[]>()
      .exec();
  }

  /** Who holds a result, and the version that says so; null when there is no such result. */
  async findHoldings(resultId: string): Promise<ResultHoldings | null> {
    const doc = await this.results.collection.findOne<Partial<ResultHoldings>>(
      { _id: resultId } as never,
      { projection: { holdings: 1, version: 1 } },
    );
    return doc ? { holdings: doc.holdings ?? [], version: doc.version ?? 0 } : null;
  }

  /**
   * Writes a result's holdings read at `readVersion`, leaving the rest of the document
   * (history, commands, outbox) as it is; false when another writer got there first.
   */
  setHoldings(resultId: string, holdings: PartnerHolding[], readVersion: number): Promise<boolean> {
    return this.writes.update(this.results, resultId, readVersion, {
      $set: { holdings },
      $inc: { version: 1 },
    });
  }

  /** Stores a new result with its outbox; false when the result exists already. */
  async insert(doc: ResultDocument): Promise<boolean> {
    // The driver's insert (the document is complete, mongoose's casting adds nothing),
    // together with others that wait.
    if (!(await this.writes.insert(this.results, doc))) return false;
    this.relay.notify(this.outboxSource, doc._id, doc.outbox, doc.version);
    return true;
  }

  /** Runs a read-decide-write of one result with no other writer of this process in between. */
  exclusively<T>(resultId: string, task: () => Promise<T>): Promise<T> {
    return this.writes.exclusively(RESULTS_COLLECTION, resultId, task);
  }

  /**
   * Writes a result read at `readVersion` (the new document carries the next version);
   * false when another writer got there first, and the caller decides again.
   */
  async replace(doc: ResultDocument, readVersion: number): Promise<boolean> {
    const written = await this.writes.replace(this.results, doc, readVersion);
    if (written && doc.outbox.length > 0) {
      this.relay.notify(this.outboxSource, doc._id, doc.outbox, doc.version);
    }
    return written;
  }

  async findReply(key: string): Promise<CommandReplyV1 | null> {
    const doc = await this.replies.findById(key).lean<CommandReplyDocument | null>().exec();
    return doc?.reply ?? null;
  }

  /** Keeps the first reply to a command that changed nothing; a repeat keeps the first. */
  async recordReply(key: string, reply: CommandReplyV1): Promise<CommandReplyV1> {
    try {
      await this.replies.create({ _id: key, reply, recordedAt: new Date() });
      return reply;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.findReply(key)) ?? reply;
    }
  }
}
