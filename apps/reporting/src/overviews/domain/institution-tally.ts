import type { DeletionReason, ExamType } from '@rod/contracts';
import { DeletionReasons, ExamTypes } from '@rod/contracts';
import type { ResultFacts } from '../../results/domain/result-facts';
import { instantOf } from './instants';
import type { DeletedResultLine } from './overview';
import type { PeriodWindow } from './period-window';

/** A deleted result of the period, before its irreversible partners are known. */
export interface PendingLine {
  /** `deletedAt` as epoch ms, to sort by. */
  deletedInstant: number;
  line: Omit<DeletedResultLine, 'irreversiblePartners'>;
}

const REASON_INDEX = new Map<string, number>(DeletionReasons.map((r, i) => [r, i]));
const EXAM_TYPE_INDEX = new Map<string, number>(ExamTypes.map((t, i) => [t, i]));

/**
 * One institution's counters for an overview: a few numbers per period of the window,
 * and a line per result deleted in the overview's own period. Results themselves are
 * not kept, so a million of them cost no more memory than a handful.
 */
export class InstitutionTally {
  /** Per period of the window (oldest first): results registered in it. */
  readonly registered: number[];
  /** Per period of the window: deletions whose `deletedAt` falls in it. */
  readonly deleted: number[];
  /** In DeletionReasons' order. */
  readonly byReason: number[] = DeletionReasons.map(() => 0);
  /** In ExamTypes' order. */
  readonly byExamType: number[] = ExamTypes.map(() => 0);
  deletedWithExtract = 0;
  fraudReports = 0;
  lateRegistrations = 0;
  readonly deletedResults: PendingLine[] = [];

  constructor(windowSize: number) {
    this.registered = new Array<number>(windowSize).fill(0);
    this.deleted = new Array<number>(windowSize).fill(0);
  }

  byReasonRecord(): Record<DeletionReason, number> {
    return Object.fromEntries(DeletionReasons.map((r, i) => [r, this.byReason[i]])) as Record<
      DeletionReason,
      number
    >;
  }

  byExamTypeRecord(): Record<ExamType, number> {
    return Object.fromEntries(ExamTypes.map((t, i) => [t, this.byExamType[i]])) as Record<
      ExamType,
      number
    >;
  }
}

/** Where one result's instants fall in the window (-1: outside it). */
export interface ResultPlacement {
  /** `registeredAt` as epoch ms. */
  registeredInstant: number;
  registeredIn: number;
  deletedIn: number;
  /** Fraud reports made in the overview's own period. */
  fraudReportsInPeriod: number;
}

/** Places a result's registration, deletion and fraud reports in the window's periods. */
export function placeResult(facts: ResultFacts, window: PeriodWindow): ResultPlacement {
  const registeredInstant = instantOf(facts.registeredAt);
  const deletedIn =
    facts.status === 'deleted' && facts.deletedAt !== null
      ? window.indexOf(instantOf(facts.deletedAt))
      : -1;
  let fraudReportsInPeriod = 0;
  // Facts stored before fraud reports were dated have no list: they count none.
  for (const reportedAt of facts.fraudReportedAt ?? []) {
    if (window.indexOf(instantOf(reportedAt)) === window.current) fraudReportsInPeriod += 1;
  }
  return {
    registeredInstant,
    registeredIn: window.indexOf(registeredInstant),
    deletedIn,
    fraudReportsInPeriod,
  };
}

/** Adds one result, placed in the window, to its institution's counters. */
export function countResult(
  tally: InstitutionTally,
  resultId: string,
  facts: ResultFacts,
  placement: ResultPlacement,
  current: number,
): void {
  const { registeredIn, deletedIn, fraudReportsInPeriod } = placement;
  if (registeredIn >= 0) {
    tally.registered[registeredIn] += 1;
    if (registeredIn === current && facts.late) tally.lateRegistrations += 1;
  }
  tally.fraudReports += fraudReportsInPeriod;
  if (deletedIn < 0) return;
  tally.deleted[deletedIn] += 1;
  const { deletedAt, deletionReason, deletedBy } = facts;
  // A deleted result always has all three; the checks only narrow the types.
  if (deletedIn !== current || deletedAt === null) return;

  const reason = REASON_INDEX.get(deletionReason ?? '');
  if (reason !== undefined) tally.byReason[reason] += 1;
  const examType = EXAM_TYPE_INDEX.get(facts.examType);
  if (examType !== undefined) tally.byExamType[examType] += 1;
  if (facts.extractsIssued > 0) tally.deletedWithExtract += 1;
  if (deletionReason === null || deletedBy === null) return;
  tally.deletedResults.push({
    deletedInstant: instantOf(deletedAt),
    line: {
      resultId,
      examType: facts.examType,
      crohoCode: facts.crohoCode,
      registeredAt: facts.registeredAt,
      deletedAt,
      reason: deletionReason,
      deletedBy,
      extractsIssued: facts.extractsIssued,
    },
  });
}
