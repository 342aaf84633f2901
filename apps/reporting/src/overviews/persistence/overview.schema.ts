import type { OutboxFields } from '@rod/messaging';
import { addOutbox } from '@rod/messaging';
import { Schema } from 'mongoose';
import type { BuildTotals } from '../domain/overview-version';

export const OVERVIEW_MODEL = 'Overview';
export const INSTITUTION_OVERVIEW_MODEL = 'InstitutionOverview';

/**
 * One built period (collection `overviews`, `_id` the period). The national overview is
 * stored as the exact JSON served, so what was built is what is read, byte for byte.
 * `generation` names this build's institution overviews; a rebuild writes a new
 * generation and then switches this document to it, so a reader never sees a mix.
 */
export interface OverviewDocument extends OutboxFields {
  _id: string;
  period: string;
  from: string;
  to: string;
  preview: boolean;
  generatedAt: string;
  revision: number;
  generation: string;
  institutionCodes: string[];
  /** This build's totals; a rebuild moves them to `previousVersion`. */
  totals: BuildTotals;
  previousVersion: BuildTotals | null;
  nationalJson: string;
}

export const overviewSchema = new Schema<OverviewDocument>(
  {
    _id: { type: String, required: true },
    period: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    preview: { type: Boolean, required: true },
    generatedAt: { type: String, required: true },
    revision: { type: Number, required: true },
    generation: { type: String, required: true },
    institutionCodes: { type: [String], default: [] },
    totals: { type: Schema.Types.Mixed, required: true },
    previousVersion: { type: Schema.Types.Mixed, default: null },
    nationalJson: { type: String, required: true },
  },
  { collection: 'overviews', versionKey: false, minimize: false },
);
addOutbox(overviewSchema);

/** One institution's overview of one build (collection `institution_overviews`). */
export interface InstitutionOverviewDocument {
  /** `institutionOverviewId(period, generation, code)`: read by `_id`. */
  _id: string;
  period: string;
  generation: string;
  institutionCode: string;
  overviewJson: string;
}

export const institutionOverviewId = (
  period: string,
  generation: string,
  institutionCode: string,
): string => `${period}/${generation}/${institutionCode}`;

export const institutionOverviewSchema = new Schema<InstitutionOverviewDocument>(
  {
    _id: { type: String, required: true },
    period: { type: String, required: true },
    generation: { type: String, required: true },
    institutionCode: { type: String, required: true },
    overviewJson: { type: String, required: true },
  },
  { collection: 'institution_overviews', versionKey: false },
);
