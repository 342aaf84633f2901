import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { InstitutionOverview, NationalOverview } from './domain/overview';
import type { BuildTotals } from './domain/overview-version';
import type { InstitutionOverviewDocument, OverviewDocument } from './persistence/overview.schema';
import {
  INSTITUTION_OVERVIEW_MODEL,
  OVERVIEW_MODEL,
  institutionOverviewId,
} from './persistence/overview.schema';

/** A built period, as `GET /v1/overviews` lists it. */
export interface BuiltPeriod {
  period: string;
  from: string;
  to: string;
  preview: boolean;
  generatedAt: string;
  revision: number;
  institutions: number;
  previousVersion: Pick<
    BuildTotals,
    'revision' | 'generatedAt' | 'registered' | 'deleted' | 'deletionRate'
  > | null;
}

/** The national overview with the build's revision and the totals of the version it replaced. */
export type StoredNationalOverview = NationalOverview & {
  revision: number;
  previousVersion: BuildTotals | null;
};

/** Reads the stored overviews (built by BuildOverviewsUseCase). */
@Injectable()
export class OverviewReader {
  constructor(
    @InjectModel(OVERVIEW_MODEL) private readonly overviews: Model<OverviewDocument>,
    @InjectModel(INSTITUTION_OVERVIEW_MODEL)
    private readonly institutionOverviews: Model<InstitutionOverviewDocument>,
  ) {}

  /** Every built period, newest first; for an institution only those it appears in. */
  async periods(institutionCode?: string): Promise<BuiltPeriod[]> {
    const docs = await this.overviews
      .find({}, { nationalJson: 0, outbox: 0, totals: 0 })
      .lean<Omit<OverviewDocument, 'nationalJson' | 'outbox' | 'totals'>[]>();
    return docs
      .filter((d) => institutionCode === undefined || d.institutionCodes.includes(institutionCode))
      .sort((a, b) => b.period.localeCompare(a.period))
      .map((d) => ({
        period: d.period,
        from: d.from,
        to: d.to,
        preview: d.preview,
        generatedAt: d.generatedAt,
        revision: d.revision,
        institutions: d.institutionCodes.length,
        previousVersion: d.previousVersion && {
          revision: d.previousVersion.revision,
          generatedAt: d.previousVersion.generatedAt,
          registered: d.previousVersion.registered,
          deleted: d.previousVersion.deleted,
          deletionRate: d.previousVersion.deletionRate,
        },
      }));
  }

  async national(period: string): Promise<StoredNationalOverview | null> {
    const doc = await this.overviews.findById(period).lean<OverviewDocument | null>();
    if (!doc) return null;
    return {
      ...(JSON.parse(doc.nationalJson) as NationalOverview),
      revision: doc.revision,
      previousVersion: doc.previousVersion,
    };
  }

  /** The institution's overview of the period's current build; null when there is none. */
  async institution(period: string, institutionCode: string): Promise<InstitutionOverview | null> {
    const doc = await this.overviews
      .findById(period, { generation: 1, institutionCodes: 1 })
      .lean<Pick<OverviewDocument, 'generation' | 'institutionCodes'> | null>();
    if (!doc || !doc.institutionCodes.includes(institutionCode)) return null;
    const overview = await this.institutionOverviews
      .findById(institutionOverviewId(period, doc.generation, institutionCode))
      .lean<InstitutionOverviewDocument | null>();
    return overview && (JSON.parse(overview.overviewJson) as InstitutionOverview);
  }
}
