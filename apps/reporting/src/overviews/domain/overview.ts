import type { DeletedByParty, DeletionReason, ExamType } from '@rod/contracts';

/**
 * The twice-yearly overview of deleted results (CONTRACT.md, "HTTP: reporting"), as the
 * build computes it. Everything here is a pure function of the read model and the
 * period: building twice gives the same value apart from `generatedAt`.
 */

/** One deleted result, without any personal number. */
export interface DeletedResultLine {
  resultId: string;
  examType: ExamType;
  crohoCode: string;
  registeredAt: string;
  deletedAt: string;
  reason: DeletionReason;
  deletedBy: DeletedByParty;
  extractsIssued: number;
  /** Partners that received the result and cannot retract it, sorted. */
  irreversiblePartners: string[];
}

/** An institution's figures in a period before this one (or the nation's). */
export interface PeriodRate {
  period: string;
  deleted: number;
  deletionRate: number;
}

/** One point of the rate chart: the institution's deletion rate next to the national one. */
export interface RateHistoryPoint {
  period: string;
  registered: number;
  deleted: number;
  deletionRate: number;
  nationalDeletionRate: number;
}

export interface InstitutionOverview {
  period: string;
  from: string;
  to: string;
  /** Built before the period ended: the figures can still change. */
  preview: boolean;
  institutionCode: string;
  generatedAt: string;
  /** Results registered in the period (`registeredAt` in it). */
  registered: number;
  /** Deletions whose `deletedAt` falls in the period. */
  deleted: number;
  /** `deleted / registered`, 0 when nothing was registered; rounded to 4 decimals. */
  deletionRate: number;
  /** Every reason of DOMAIN.md, in its order, zeros included. */
  byReason: Record<DeletionReason, number>;
  /** Every exam type of DOMAIN.md, in its order, zeros included. */
  byExamType: Record<ExamType, number>;
  /** Deleted results of which at least one extract was issued. */
  deletedWithExtract: number;
  /** Per partner (every partner flagged anywhere in the period, sorted), the deletions it holds irreversibly. */
  irreversibleDeliveries: Record<string, number>;
  /** Fraud reports (`ResultSuspended`) whose `reportedAt` falls in the period. */
  fraudReports: number;
  /** Results registered in the period that were registered late (over 8 weeks after the exam). */
  lateRegistrations: number;
  previousPeriod: PeriodRate;
  nationalDeletionRate: number;
  /** The last periods up to and including this one, oldest first (addition to the contract). */
  rateHistory: RateHistoryPoint[];
  /** Oldest deletion first; `resultId` breaks ties. */
  deletedResults: DeletedResultLine[];
}

/** One institution's line in the national overview. */
export interface NationalOverviewRow {
  institutionCode: string;
  registered: number;
  deleted: number;
  deletionRate: number;
  /** All partners together. */
  irreversibleDeliveries: number;
  irreversibleByPartner: Record<string, number>;
  fraudReports: number;
}

/** Every institution side by side, for operations. */
export interface NationalOverview {
  period: string;
  from: string;
  to: string;
  preview: boolean;
  generatedAt: string;
  registered: number;
  deleted: number;
  deletionRate: number;
  irreversibleDeliveries: Record<string, number>;
  fraudReports: number;
  previousPeriod: PeriodRate;
  /** Highest deletion rate first; more deletions, then the code, break ties. */
  institutions: NationalOverviewRow[];
}

/** What one build produces. */
export interface BuiltOverviews {
  national: NationalOverview;
  /** Sorted by institution code. */
  institutions: InstitutionOverview[];
}

/** How many periods the rate chart shows, this one included. */
export const RATE_HISTORY_PERIODS = 6;
