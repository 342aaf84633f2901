import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { OutgoingMessage } from '@rod/messaging';
import { DocumentWrites, OutboxRelay, eventMessage } from '@rod/messaging';
import { Model } from 'mongoose';
import type { IrreversibleFlagDocument } from '../flags/persistence/irreversible-flag.schema';
import { IRREVERSIBLE_FLAG_MODEL } from '../flags/persistence/irreversible-flag.schema';
import type { ResultFactsDocument } from '../results/persistence/result-facts.schema';
import { RESULT_FACTS_MODEL } from '../results/persistence/result-facts.schema';
import type { BuiltOverviews } from './domain/overview';
import { OverviewBuilder } from './domain/overview-builder';
import { forEachPrefetched } from './persistence/prefetched-cursor';
import { overviewPublished, totalsOf } from './domain/overview-version';
import type { Period } from './domain/periods';
import { hasEnded } from './domain/periods';
import type { InstitutionOverviewDocument, OverviewDocument } from './persistence/overview.schema';
import {
  INSTITUTION_OVERVIEW_MODEL,
  OVERVIEW_MODEL,
  institutionOverviewId,
} from './persistence/overview.schema';

/** What a build answers: enough to find what it stored. */
export interface BuildSummary {
  period: string;
  from: string;
  to: string;
  preview: boolean;
  revision: number;
  generatedAt: string;
  institutions: number;
  registered: number;
  deleted: number;
  /** Milliseconds the build took. */
  tookMs: number;
}

/** Documents per round trip: a result's facts are about 400 bytes of BSON. */
const CURSOR_BATCH = 10_000;
const INSERT_BATCH = 50;

/**
 * Builds a period's overviews from the read model and stores them as a new revision.
 * The institution overviews of the build are written first, under a generation id of
 * their own; then the period's document switches to that generation (with the previous
 * version's totals and, for an ended period, `OverviewPublished` in its outbox, in the
 * same write); then the replaced generation is removed.
 */
@Injectable()
export class BuildOverviewsUseCase {
  private readonly logger = new Logger(BuildOverviewsUseCase.name);
  private readonly outboxSource: string;

  constructor(
    @InjectModel(RESULT_FACTS_MODEL) private readonly results: Model<ResultFactsDocument>,
    @InjectModel(IRREVERSIBLE_FLAG_MODEL) private readonly flags: Model<IrreversibleFlagDocument>,
    @InjectModel(OVERVIEW_MODEL) private readonly overviews: Model<OverviewDocument>,
    @InjectModel(INSTITUTION_OVERVIEW_MODEL)
    private readonly institutionOverviews: Model<InstitutionOverviewDocument>,
    private readonly writes: DocumentWrites,
    private readonly relay: OutboxRelay,
  ) {
    this.outboxSource = relay.addSource(overviews);
  }

  /** Builds `period` as it stands at `now`: a preview when the period has not ended. */
  async execute(period: Period, now = new Date()): Promise<BuildSummary> {
    const started = Date.now();
    const built = await this.compute(period, now);
    const generation = randomUUID();
    await this.storeInstitutions(period.period, generation, built);
    const revision = await this.switchTo(period, generation, built);
    const { national } = built;
    const summary: BuildSummary = {
      period: period.period,
      from: period.from,
      to: period.to,
      preview: national.preview,
      revision,
      generatedAt: national.generatedAt,
      institutions: built.institutions.length,
      registered: national.registered,
      deleted: national.deleted,
      tookMs: Date.now() - started,
    };
    this.logger.log({ msg: 'overview built', ...summary });
    return summary;
  }

  private async compute(period: Period, now: Date): Promise<BuiltOverviews> {
    const builder = new OverviewBuilder(period);
    // The driver's cursors, not mongoose's: no per-document query machinery. No filter:
    // FerretDB evaluates every filter but `_id` in Go for every document; a result without
    // facts yet (its first event still to come) is skipped here instead.
    const results = this.results.collection.find(
      {},
      { projection: { state: 1 }, batchSize: CURSOR_BATCH, raw: true },
    );
    await forEachPrefetched<Pick<ResultFactsDocument, '_id' | 'state'>>(results, (doc) => {
      if (doc.state) builder.addResult(doc._id, doc.state);
    });
    const flags = this.flags.collection.find({}, { batchSize: CURSOR_BATCH, raw: true });
    await forEachPrefetched<IrreversibleFlagDocument>(flags, (flag) => builder.addFlag(flag));
    return builder.build({ generatedAt: now.toISOString(), preview: !hasEnded(period, now) });
  }

  private async storeInstitutions(
    period: string,
    generation: string,
    built: BuiltOverviews,
  ): Promise<void> {
    const docs: InstitutionOverviewDocument[] = built.institutions.map((overview) => ({
      _id: institutionOverviewId(period, generation, overview.institutionCode),
      period,
      generation,
      institutionCode: overview.institutionCode,
      overviewJson: JSON.stringify(overview),
    }));
    for (let i = 0; i < docs.length; i += INSERT_BATCH) {
      await this.institutionOverviews.insertMany(docs.slice(i, i + INSERT_BATCH), {
        ordered: false,
      });
    }
  }

  /** Makes `generation` the period's current build; returns its revision. */
  private async switchTo(
    period: Period,
    generation: string,
    built: BuiltOverviews,
  ): Promise<number> {
    const replaced = await this.writes.exclusively(
      this.overviews.collection.collectionName,
      period.period,
      async () => {
        for (;;) {
          const current = await this.overviews
            .findById(period.period)
            .lean<OverviewDocument | null>();
          const revision = (current?.revision ?? 0) + 1;
          const published = overviewPublished(built, revision);
          const outbox: OutgoingMessage[] = published ? [eventMessage(published)] : [];
          const next: OverviewDocument = {
            _id: period.period,
            period: period.period,
            from: period.from,
            to: period.to,
            preview: built.national.preview,
            generatedAt: built.national.generatedAt,
            revision,
            generation,
            institutionCodes: built.institutions.map((i) => i.institutionCode),
            totals: totalsOf(built, revision),
            previousVersion: current?.totals ?? null,
            nationalJson: JSON.stringify(built.national),
            version: (current?.version ?? 0) + 1,
            outbox: [...(current?.outbox ?? []), ...outbox],
            outboxPending: (current?.outboxPending ?? false) || outbox.length > 0,
          };
          const written = current
            ? await this.writes.replace(this.overviews, next, current.version)
            : await this.insertFirst(next);
          if (written) {
            if (next.outbox.length > 0) this.relay.notify(this.outboxSource, next._id, next.outbox);
            return { revision, previous: current?.generation ?? null };
          }
        }
      },
    );
    if (replaced.previous) {
      await this.institutionOverviews.deleteMany({
        period: period.period,
        generation: replaced.previous,
      });
    }
    return replaced.revision;
  }

  private async insertFirst(doc: OverviewDocument): Promise<boolean> {
    try {
      await this.overviews.create(doc);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) return false;
      throw error;
    }
  }
}
