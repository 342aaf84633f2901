import type { ResultFacts } from '../../results/domain/result-facts';
import { compareStrings } from './compare';
import { InstitutionTally, countResult, placeResult } from './institution-tally';
import type { PendingLine } from './institution-tally';
import type { IrreversibleFlagFact, ResolvedFlags } from './irreversible-flags';
import { IrreversibleFlags } from './irreversible-flags';
import type {
  BuiltOverviews,
  DeletedResultLine,
  InstitutionOverview,
  NationalOverview,
  NationalOverviewRow,
  PeriodRate,
  RateHistoryPoint,
} from './overview';
import { RATE_HISTORY_PERIODS } from './overview';
import { PeriodWindow } from './period-window';
import type { Period } from './periods';
import { deletionRate } from './rates';

export type { IrreversibleFlagFact } from './irreversible-flags';

/**
 * Builds a period's overviews from the read model, fed one result and one flag at a time
 * (from database cursors): it keeps per-institution counters, not the results, so its
 * memory grows with the institutions and the period's deletions only.
 *
 * What counts (instants compare as instants, as `Date.parse` reads them, against the period's
 * Europe/Amsterdam midnights: from inclusive, to exclusive):
 * - `registered`: results whose `registeredAt` is in the period;
 * - `deleted`: results with status `deleted` whose `deletedAt` is in the period, wherever
 *   their registration fell; `byReason`, `byExamType` (the exam type as last known),
 *   `deletedWithExtract` (extractsIssued > 0) and `deletedResults` are of these;
 * - `deletionRate`: deleted / registered, 4 decimals, 0 when nothing was registered;
 * - `irreversibleDeliveries`: flags whose `deletedAt` is in the period, per partner, keyed
 *   by every partner flagged in the period anywhere in the country (sorted, zeros filled);
 * - `fraudReports`: `fraudReportedAt` entries in the period, whatever became of the result;
 * - `lateRegistrations`: results registered in the period and marked late;
 * - `previousPeriod` and `rateHistory` (the last `history` periods, oldest first): the
 *   same registered/deleted counts in earlier periods; national rates beside them.
 * Institutions shown: every one with a result registered before the period's end or
 * anything counted in the period (a deletion, a fraud report, a flag); one with nothing
 * in the period appears with zeros. The national overview sums every institution.
 * The outcome does not depend on the order of the calls: build() sorts everything.
 * Each result is added once (the read model holds one document per result).
 */
export class OverviewBuilder {
  private readonly window: PeriodWindow;
  private readonly tallies = new Map<string, InstitutionTally>();
  private readonly flags = new IrreversibleFlags();

  constructor(
    private readonly period: Period,
    private readonly history: number = RATE_HISTORY_PERIODS,
  ) {
    if (!Number.isInteger(history) || history < 1) {
      throw new Error(`the rate history covers at least 1 period, not ${history}`);
    }
    this.window = new PeriodWindow(period, Math.max(history, 2));
  }

  addResult(resultId: string, facts: ResultFacts): void {
    const placement = placeResult(facts, this.window);
    const registeredBeforeEnd = placement.registeredInstant < this.period.toInstant;
    const countedInPeriod =
      placement.deletedIn === this.window.current || placement.fraudReportsInPeriod > 0;
    if (!registeredBeforeEnd && !countedInPeriod) return;
    countResult(
      this.tallyOf(facts.institutionCode),
      resultId,
      facts,
      placement,
      this.window.current,
    );
  }

  addFlag(flag: IrreversibleFlagFact): void {
    this.flags.add(flag);
  }

  build(options: { generatedAt: string; preview: boolean }): BuiltOverviews {
    const flags = this.flags.resolve(this.period);
    const codes = [...new Set([...this.tallies.keys(), ...flags.byInstitution.keys()])].sort(
      compareStrings,
    );
    const size = this.window.periods.length;
    const empty = new InstitutionTally(size);
    const tallies = codes.map((code) => ({ code, tally: this.tallies.get(code) ?? empty }));

    const nationalRegistered = new Array<number>(size).fill(0);
    const nationalDeleted = new Array<number>(size).fill(0);
    for (const { tally } of tallies) {
      for (let i = 0; i < size; i++) {
        nationalRegistered[i] += tally.registered[i];
        nationalDeleted[i] += tally.deleted[i];
      }
    }
    const nationalRates = nationalDeleted.map((d, i) => deletionRate(d, nationalRegistered[i]));

    const institutions = tallies.map(({ code, tally }) =>
      this.institutionOverview(code, tally, flags, nationalRates, options),
    );
    return {
      national: this.nationalOverview(
        institutions,
        nationalRegistered,
        nationalDeleted,
        flags,
        options,
      ),
      institutions,
    };
  }

  private tallyOf(institutionCode: string): InstitutionTally {
    let tally = this.tallies.get(institutionCode);
    if (!tally) {
      tally = new InstitutionTally(this.window.periods.length);
      this.tallies.set(institutionCode, tally);
    }
    return tally;
  }

  private institutionOverview(
    institutionCode: string,
    tally: InstitutionTally,
    flags: ResolvedFlags,
    nationalRates: number[],
    { generatedAt, preview }: { generatedAt: string; preview: boolean },
  ): InstitutionOverview {
    const { current, periods } = this.window;
    const registered = tally.registered[current];
    const deleted = tally.deleted[current];
    const flagged = flags.byInstitution.get(institutionCode);
    return {
      period: this.period.period,
      from: this.period.from,
      to: this.period.to,
      preview,
      institutionCode,
      generatedAt,
      registered,
      deleted,
      deletionRate: deletionRate(deleted, registered),
      byReason: tally.byReasonRecord(),
      byExamType: tally.byExamTypeRecord(),
      deletedWithExtract: tally.deletedWithExtract,
      irreversibleDeliveries: Object.fromEntries(
        flags.partners.map((p) => [p, flagged?.get(p) ?? 0]),
      ),
      fraudReports: tally.fraudReports,
      lateRegistrations: tally.lateRegistrations,
      previousPeriod: periodRate(
        periods[current - 1].period,
        tally.deleted[current - 1],
        tally.registered[current - 1],
      ),
      nationalDeletionRate: nationalRates[current],
      rateHistory: periods
        .map((p, at): RateHistoryPoint => ({
          period: p.period,
          registered: tally.registered[at],
          deleted: tally.deleted[at],
          deletionRate: deletionRate(tally.deleted[at], tally.registered[at]),
          nationalDeletionRate: nationalRates[at],
        }))
        .slice(-this.history),
      deletedResults: deletedLines(tally.deletedResults, flags.partnersOf),
    };
  }

  private nationalOverview(
    institutions: InstitutionOverview[],
    registered: number[],
    deleted: number[],
    flags: ResolvedFlags,
    { generatedAt, preview }: { generatedAt: string; preview: boolean },
  ): NationalOverview {
    const { current, periods } = this.window;
    const irreversible = Object.fromEntries(flags.partners.map((p) => [p, 0]));
    let fraudReports = 0;
    const rows = institutions.map((overview): NationalOverviewRow => {
      for (const [partner, count] of Object.entries(overview.irreversibleDeliveries)) {
        irreversible[partner] += count;
      }
      fraudReports += overview.fraudReports;
      return {
        institutionCode: overview.institutionCode,
        registered: overview.registered,
        deleted: overview.deleted,
        deletionRate: overview.deletionRate,
        irreversibleDeliveries: Object.values(overview.irreversibleDeliveries).reduce(
          (sum, n) => sum + n,
          0,
        ),
        irreversibleByPartner: { ...overview.irreversibleDeliveries },
        fraudReports: overview.fraudReports,
      };
    });
    return {
      period: this.period.period,
      from: this.period.from,
      to: this.period.to,
      preview,
      generatedAt,
      registered: registered[current],
      deleted: deleted[current],
      deletionRate: deletionRate(deleted[current], registered[current]),
      irreversibleDeliveries: irreversible,
      fraudReports,
      previousPeriod: periodRate(
        periods[current - 1].period,
        deleted[current - 1],
        registered[current - 1],
      ),
      institutions: rows.sort(byDeletionRate),
    };
  }
}

function periodRate(period: string, deleted: number, registered: number): PeriodRate {
  return { period, deleted, deletionRate: deletionRate(deleted, registered) };
}

/** Highest rate (as shown, rounded) first; more deletions, then the code, break ties. */
function byDeletionRate(a: NationalOverviewRow, b: NationalOverviewRow): number {
  return (
    b.deletionRate - a.deletionRate ||
    b.deleted - a.deleted ||
    compareStrings(a.institutionCode, b.institutionCode)
  );
}

/** Oldest deletion first, `resultId` breaking ties, each with its irreversible partners. */
function deletedLines(
  pending: readonly PendingLine[],
  partnersOf: Map<string, string[]>,
): DeletedResultLine[] {
  return [...pending]
    .sort(
      (a, b) =>
        a.deletedInstant - b.deletedInstant || compareStrings(a.line.resultId, b.line.resultId),
    )
    .map(({ line }) => ({
      ...line,
      irreversiblePartners: [...(partnersOf.get(line.resultId) ?? [])],
    }));
}
