import fc from 'fast-check';
import { DeletionReasons, ExamTypes, ProgrammeLevels } from '@rod/contracts';
import type { ResultFacts } from '../../results/domain/result-facts';
import type { BuiltOverviews, InstitutionOverview } from './overview';
import type { IrreversibleFlagFact } from './overview-builder';
import { OverviewBuilder } from './overview-builder';
import { periodNamed, periodOf } from './periods';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 200 };
const PERIOD = periodNamed('2026-11')!;
const BUILT_AT = { generatedAt: '2026-11-01T06:00:00.000Z', preview: false };
const HOUR = 3_600_000;

/** Instants around the period: the two before it, in it, after it, and near its edges. */
const instantMs = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 4, 1), max: Date.UTC(2027, 0, 1) }),
  fc
    .tuple(
      fc.constantFrom(PERIOD.fromInstant, PERIOD.toInstant),
      fc.integer({ min: -2 * HOUR, max: 2 * HOUR }),
    )
    .map(([edge, offset]) => edge + offset),
);
const iso = (ms: number) => new Date(ms).toISOString();
const institutionCode = fc.constantFrom('21PA', '00AB', '99ZZ', '12XY');

/** A result's facts as reporting keeps them; a deletion never precedes its registration. */
const facts: fc.Arbitrary<ResultFacts> = fc
  .record({
    institutionCode,
    crohoCode: fc.constantFrom('34479', '56551', '66550'),
    level: fc.constantFrom(...ProgrammeLevels),
    examType: fc.constantFrom(...ExamTypes),
    registeredAt: instantMs,
    late: fc.boolean(),
    deletedAfterMs: fc.option(fc.integer({ min: 0, max: 200 * 24 * HOUR }), { nil: null }),
    suspended: fc.boolean(),
    deletionReason: fc.constantFrom(...DeletionReasons),
    extractsIssued: fc.nat({ max: 2 }),
    fraudReportedAt: fc.array(instantMs.map(iso), { maxLength: 2 }),
  })
  .map(({ registeredAt, deletedAfterMs, suspended, deletionReason, ...rest }) => ({
    ...rest,
    registeredAt: iso(registeredAt),
    status: deletedAfterMs !== null ? 'deleted' : suspended ? 'suspended' : 'registered',
    deletedAt: deletedAfterMs === null ? null : iso(registeredAt + deletedAfterMs),
    deletionReason: deletedAfterMs === null ? null : deletionReason,
    deletedBy:
      deletedAfterMs === null ? null : deletionReason === 'fraud' ? 'helpdesk' : 'institution',
  }));
/** A read model: one document per result, with unique ids. */
const results = fc.uniqueArray(
  fc.tuple(fc.stringMatching(/^[0-9]{2}[A-Z]{2}-[0-9]{1,6}$/), facts),
  { selector: ([id]) => id, maxLength: 30 },
);
const flags = (resultIds: string[]) =>
  resultIds.length === 0
    ? fc.constant([] as IrreversibleFlagFact[])
    : fc.array(
        fc.record({
          resultId: fc.constantFrom(...resultIds),
          institutionCode,
          partnerId: fc.constantFrom('cibg-big', 'duo-archive'),
          deletedAt: instantMs.map(iso),
        }),
        { maxLength: 6 },
      );
const readModel = results.chain((rs) =>
  flags(rs.map(([id]) => id)).map((fs) => ({ results: rs, flags: fs })),
);

function build(rs: [string, ResultFacts][], fs: IrreversibleFlagFact[]): BuiltOverviews {
  const builder = new OverviewBuilder(PERIOD);
  for (const [id, f] of rs) builder.addResult(id, f);
  for (const flag of fs) builder.addFlag(flag);
  return builder.build(BUILT_AT);
}
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const inPeriod = (at: string | null) => at !== null && periodOf(new Date(at)).period === '2026-11';

describe('OverviewBuilder (properties)', () => {
  it('gives the same overviews whatever order the results and flags are added in', () => {
    fc.assert(
      fc.property(
        readModel.chain((m) =>
          fc.record({
            model: fc.constant(m),
            results: fc.shuffledSubarray(m.results, { minLength: m.results.length }),
            flags: fc.shuffledSubarray(m.flags, { minLength: m.flags.length }),
          }),
        ),
        ({ model, results: shuffledResults, flags: shuffledFlags }) => {
          expect(build(shuffledResults, shuffledFlags)).toEqual(build(model.results, model.flags));
        },
      ),
      RUNS,
    );
  });

  it('counts what falls in the period: registrations, deletions, late ones, fraud reports', () => {
    fc.assert(
      fc.property(readModel, ({ results: rs, flags: fs }) => {
        const built = build(rs, fs);
        for (const overview of built.institutions) {
          const own = rs
            .map(([, f]) => f)
            .filter((f) => f.institutionCode === overview.institutionCode);
          expect(overview.registered).toBe(own.filter((f) => inPeriod(f.registeredAt)).length);
          expect(overview.deleted).toBe(
            own.filter((f) => f.status === 'deleted' && inPeriod(f.deletedAt)).length,
          );
          expect(overview.lateRegistrations).toBe(
            own.filter((f) => f.late && inPeriod(f.registeredAt)).length,
          );
          expect(overview.fraudReports).toBe(
            sum(own.map((f) => f.fraudReportedAt.filter(inPeriod).length)),
          );
        }
      }),
      RUNS,
    );
  });

  it('splits the deletions exactly: sum by reason = sum by exam type = listed = deleted', () => {
    fc.assert(
      fc.property(readModel, ({ results: rs, flags: fs }) => {
        for (const o of build(rs, fs).institutions) {
          expect(sum(Object.values(o.byReason))).toBe(o.deleted);
          expect(sum(Object.values(o.byExamType))).toBe(o.deleted);
          expect(o.deletedResults).toHaveLength(o.deleted);
          expect(o.deletedWithExtract).toBeLessThanOrEqual(o.deleted);
          expect(o.deletionRate).toBe(
            o.registered === 0 ? 0 : Math.round((o.deleted / o.registered) * 10_000) / 10_000,
          );
        }
      }),
      RUNS,
    );
  });

  it('has national totals equal to the sum over the institutions', () => {
    fc.assert(
      fc.property(readModel, ({ results: rs, flags: fs }) => {
        const { national, institutions } = build(rs, fs);
        expect(national.registered).toBe(sum(institutions.map((o) => o.registered)));
        expect(national.deleted).toBe(sum(institutions.map((o) => o.deleted)));
        expect(national.fraudReports).toBe(sum(institutions.map((o) => o.fraudReports)));
        for (const [partner, count] of Object.entries(national.irreversibleDeliveries)) {
          expect(count).toBe(sum(institutions.map((o) => o.irreversibleDeliveries[partner])));
        }
        expect(national.institutions.map((r) => r.institutionCode).sort()).toEqual(
          institutions.map((o) => o.institutionCode).sort(),
        );
      }),
      RUNS,
    );
  });

  it('has registered ≥ deleted when every result is registered and deleted within the period', () => {
    const within = facts.map((f) => ({
      ...f,
      registeredAt: iso(PERIOD.fromInstant + 1),
      deletedAt: f.deletedAt === null ? null : iso(PERIOD.fromInstant + 2),
    }));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[0-9]{1,6}$/), within), {
          selector: ([id]) => id,
          maxLength: 20,
        }),
        (rs) => {
          for (const o of build(rs, []).institutions) {
            expect(o.registered).toBeGreaterThanOrEqual(o.deleted);
            expect(o.deletionRate).toBeLessThanOrEqual(1);
          }
        },
      ),
      RUNS,
    );
  });

  it("adding one result changes only its own institution's figures", () => {
    const ownFigures = (o: InstitutionOverview) => ({
      ...o,
      // The national rate beside every institution's figures moves with any result.
      nationalDeletionRate: 0,
      rateHistory: o.rateHistory.map((p) => ({ ...p, nationalDeletionRate: 0 })),
    });
    fc.assert(
      fc.property(results, fc.tuple(fc.constant('NEW-1'), facts), (rs, added) => {
        const before = build(rs, []).institutions;
        const after = build([...rs, added], []).institutions;
        for (const o of after) {
          if (o.institutionCode === added[1].institutionCode) continue;
          const earlier = before.find((b) => b.institutionCode === o.institutionCode);
          expect(earlier && ownFigures(earlier)).toEqual(ownFigures(o));
        }
        const codes = (list: InstitutionOverview[]) => list.map((o) => o.institutionCode);
        for (const code of codes(before)) expect(codes(after)).toContain(code);
      }),
      RUNS,
    );
  });
});
