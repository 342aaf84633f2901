import { isValidBsn, validateEvent } from '@rod/contracts';
import type { BuiltOverviews, InstitutionOverview } from './overview';
import { OverviewBuilder } from './overview-builder';
import { periodNamed } from './periods';
import {
  FIXTURE_GROUPS,
  FIXTURE_PERIOD,
  overviewFixtureEvents,
  overviewFixtureInputs,
} from './testing/overview-fixture';

/*
 * The acceptance test of the overview: every figure below was counted by hand from the
 * table in testing/overview-fixture.ts (rows are named A1, D1, …), not by the builder.
 * Period 2026-11 = [1 May 2026 00:00 CEST, 1 Nov 2026 00:00 CET) = [2026-04-30T22:00Z,
 * 2026-10-31T23:00Z); previous period 2026-05 = [2025-10-31T23:00Z, 2026-04-30T22:00Z).
 *
 * 21PA  registered 92 = A1 60 + A2 10 (1 May 00:00) + A4 5 (31 Oct 23:59:59) + D1 6 + D2 4
 *                       + D5 2 + D6 1 + D7 1 + F1 3
 *                       (not: A3 30 Apr 23:59:59, A5 1 Nov 00:00, A6/D3/D4/F2 January, A7, A8)
 *       deleted 16 = D1 6 + D2 4 + D3 3 (deleted 1 May 00:00, registered in 2026-05) + D5 2
 *                    + D6 1 (31 Oct 23:59:59)   (not: D4 30 Apr 23:59:59, D7 1 Nov 00:00)
 *       rate 16/92 = 0.17391 → 0.1739
 *       reasons: administrative-error 6 (D1), registered-too-early 4 (D2),
 *                student-request-extra-courses 3 (D3), fraud 2 (D5), other 1 (D6)
 *       exam types: propedeuse 2 (D5), bachelor 10 (D1 6 + D3 3 + D6 1),
 *                   master 4 (D2: registered as bachelor, corrected to master)
 *       with extract 9 = D1 6 + D3 3; irreversible cibg-big 9 = D1 6 + D3 3, nuffic 3 = D3
 *       (D4's cibg-big flags are of 2026-05)
 *       fraud reports 7 = D5 2 + F1 3 + F2 2 (F2's first reports were in March)
 *       late 15 = A2 10 + A4 5
 *       2026-05: registered 37 = A3 10 + A6 20 + D3 3 + D4 2 + F2 2; deleted 2 = D4;
 *                rate 2/37 = 0.05405 → 0.0541
 *       2025-11: registered 10 = A7
 * 23AH  registered 70 = B1 40 + B2 20 + B7 1 + B8 1 + E1 8
 *       deleted 11 = E1 8 + E3 2 (registered in 2026-05) + E4 1 (registered in 2024-11,
 *                    deleted the night summer time ended); rate 11/70 = 0.15714 → 0.1571
 *       reasons: student-request-grade-improvement 2, duplicate 8, other 1
 *       exam types: bachelor 2, master 9; with extract 2 (E3); irreversible nuffic 8 (E1)
 *       fraud reports 1 = B7 (31 Oct 23:59:59; B8's at 1 Nov 00:00 is not); late 20 = B2
 *       2026-05: registered 26 = B3 20 + B5 2 (1 Nov 2025 00:00) + E2 2 + E3 2; deleted 2 = E2;
 *                rate 2/26 = 0.07692 → 0.0769
 *       2025-11: registered 3 = B6 (31 Oct 2025 23:59:59); 2024-11: registered 6 = B4 5 + E4 1
 * 25LH  registered 9 = H1 6 + H2 3; deleted 3 = H2 (administrative-error, propedeuse);
 *       rate 3/9 → 0.3333; 2026-05: registered 4 = H3, deleted 0
 * 27UM  registered 30 = C1 19 + C2 5 + C3 5 + C6 1; deleted 10 = C2 5 + C3 5; 10/30 → 0.3333
 *       reasons: administrative-error 5 (C3), student-request-extra-courses 5 (C2)
 *       exam types: associate-degree 5, bachelor 5; with extract 5 (C2, 3 extracts each)
 *       irreversible cibg-big 5, nuffic 5 (C2); fraud reports 1 (C6); late 1 (C6)
 *       2026-05: registered 12 = C4 10 + C5 2; deleted 2 = C5; rate 2/12 → 0.1667
 * 31FR  nothing in 2026-11 or 2026-05: shown with zeros;
 *       2025-11: registered 18 = R1 15 + R2 3, deleted 3 = R2; rate 3/18 → 0.1667
 * 42NX  registered 1 Nov 2026 00:00 only: not shown.
 *
 * National 2026-11: registered 201 = 92 + 70 + 9 + 30; deleted 40 = 16 + 11 + 3 + 10;
 *   rate 40/201 = 0.19900 → 0.199; irreversible cibg-big 14 = 9 + 5, nuffic 16 = 3 + 8 + 5;
 *   fraud reports 9 = 7 + 1 + 1.
 * National 2026-05: registered 79 = 37 + 26 + 4 + 12; deleted 6 = 2 + 2 + 2; 6/79 → 0.0759.
 * National 2025-11: registered 31 = 10 + 3 + 18; deleted 3; 3/31 = 0.09677 → 0.0968.
 * National 2024-11: registered 6, deleted 0. 2024-05 and 2025-05: nothing.
 * Ranking: 27UM 0.3333 (10 deleted), 25LH 0.3333 (3), 21PA 0.1739, 23AH 0.1571, 31FR 0.
 */

const GENERATED_AT = '2026-11-01T05:00:00.000Z';

function buildFixture(order: 'as listed' | 'reversed' = 'as listed'): BuiltOverviews {
  const { results, flags } = overviewFixtureInputs();
  const builder = new OverviewBuilder(periodNamed(FIXTURE_PERIOD)!);
  if (order === 'reversed') {
    for (const flag of [...flags].reverse()) builder.addFlag(flag);
    for (const [id, facts] of [...results].reverse()) builder.addResult(id, facts);
  } else {
    for (const [id, facts] of results) builder.addResult(id, facts);
    for (const flag of flags) builder.addFlag(flag);
  }
  return builder.build({ generatedAt: GENERATED_AT, preview: false });
}

const ids = (group: string, institution: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${institution}-${group}x${String(i + 1).padStart(3, '0')}`,
  );

/** rateHistory as rows: [period, registered, deleted, rate, national rate]. */
const history = (overview: InstitutionOverview) =>
  overview.rateHistory.map((p) => [
    p.period,
    p.registered,
    p.deleted,
    p.deletionRate,
    p.nationalDeletionRate,
  ]);

const NATIONAL_HISTORY = [0, 0, 0, 0.0968, 0.0759, 0.199];
const PERIODS = ['2024-05', '2024-11', '2025-05', '2025-11', '2026-05', '2026-11'];
const withNational = (rows: [number, number, number][]) =>
  rows.map(([registered, deleted, rate], i) => [
    PERIODS[i],
    registered,
    deleted,
    rate,
    NATIONAL_HISTORY[i],
  ]);

const zeroReasons = {
  'administrative-error': 0,
  'registered-too-early': 0,
  'student-request-extra-courses': 0,
  'student-request-grade-improvement': 0,
  duplicate: 0,
  fraud: 0,
  other: 0,
};
const zeroExamTypes = { propedeuse: 0, 'associate-degree': 0, bachelor: 0, master: 0 };
const common = {
  period: '2026-11',
  from: '2026-05-01',
  to: '2026-11-01',
  preview: false,
  generatedAt: GENERATED_AT,
  nationalDeletionRate: 0.199,
};

describe('the overview of the hand-computed fixture (2026-11)', () => {
  const built = buildFixture();
  const institution = (code: string) => {
    const found = built.institutions.find((i) => i.institutionCode === code);
    if (!found) throw new Error(`${code} is not in the overview`);
    const { rateHistory: _h, deletedResults: _d, ...figures } = found;
    return { found, figures };
  };

  it('shows the five institutions with anything up to the period end, by code', () => {
    expect(built.institutions.map((i) => i.institutionCode)).toEqual([
      '21PA',
      '23AH',
      '25LH',
      '27UM',
      '31FR',
    ]);
  });

  it('21PA', () => {
    const { found, figures } = institution('21PA');
    expect(figures).toEqual({
      ...common,
      institutionCode: '21PA',
      registered: 92,
      deleted: 16,
      deletionRate: 0.1739,
      byReason: {
        ...zeroReasons,
        'administrative-error': 6,
        'registered-too-early': 4,
        'student-request-extra-courses': 3,
        fraud: 2,
        other: 1,
      },
      byExamType: { propedeuse: 2, 'associate-degree': 0, bachelor: 10, master: 4 },
      deletedWithExtract: 9,
      irreversibleDeliveries: { 'cibg-big': 9, nuffic: 3 },
      fraudReports: 7,
      lateRegistrations: 15,
      previousPeriod: { period: '2026-05', deleted: 2, deletionRate: 0.0541 },
    });
    expect(history(found)).toEqual(
      withNational([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [10, 0, 0],
        [37, 2, 0.0541],
        [92, 16, 0.1739],
      ]),
    );
    expect(found.deletedResults.map((l) => l.resultId)).toEqual([
      ...ids('D3', '21PA', 3), // 1 May 00:00 CEST
      ...ids('D1', '21PA', 6), // 1 July
      ...ids('D5', '21PA', 2), // 20 July
      ...ids('D2', '21PA', 4), // 3 August
      ...ids('D6', '21PA', 1), // 31 October 23:59:59 CET
    ]);
    expect(found.deletedResults[0]).toEqual({
      resultId: '21PA-D3x001',
      examType: 'bachelor',
      crohoCode: '34479',
      registeredAt: '2026-01-15T10:00:00.000Z',
      deletedAt: '2026-04-30T22:00:00.000Z',
      reason: 'student-request-extra-courses',
      deletedBy: 'institution',
      extractsIssued: 2,
      irreversiblePartners: ['cibg-big', 'nuffic'],
    });
    expect(found.deletedResults[3].irreversiblePartners).toEqual(['cibg-big']);
    expect(found.deletedResults[9]).toMatchObject({
      resultId: '21PA-D5x001',
      reason: 'fraud',
      deletedBy: 'helpdesk',
      examType: 'propedeuse',
      irreversiblePartners: [],
    });
    expect(found.deletedResults[11]).toMatchObject({
      resultId: '21PA-D2x001',
      examType: 'master',
      crohoCode: '44479',
    });
  });

  it('23AH', () => {
    const { found, figures } = institution('23AH');
    expect(figures).toEqual({
      ...common,
      institutionCode: '23AH',
      registered: 70,
      deleted: 11,
      deletionRate: 0.1571,
      byReason: { ...zeroReasons, 'student-request-grade-improvement': 2, duplicate: 8, other: 1 },
      byExamType: { ...zeroExamTypes, bachelor: 2, master: 9 },
      deletedWithExtract: 2,
      irreversibleDeliveries: { 'cibg-big': 0, nuffic: 8 },
      fraudReports: 1,
      lateRegistrations: 20,
      previousPeriod: { period: '2026-05', deleted: 2, deletionRate: 0.0769 },
    });
    expect(history(found)).toEqual(
      withNational([
        [0, 0, 0],
        [6, 0, 0],
        [0, 0, 0],
        [3, 0, 0],
        [26, 2, 0.0769],
        [70, 11, 0.1571],
      ]),
    );
    expect(found.deletedResults.map((l) => l.resultId)).toEqual([
      ...ids('E3', '23AH', 2),
      ...ids('E1', '23AH', 8),
      ...ids('E4', '23AH', 1),
    ]);
    expect(found.deletedResults.map((l) => l.irreversiblePartners.join())).toEqual([
      '',
      '',
      ...Array<string>(8).fill('nuffic'),
      '',
    ]);
  });

  it('25LH', () => {
    const { found, figures } = institution('25LH');
    expect(figures).toEqual({
      ...common,
      institutionCode: '25LH',
      registered: 9,
      deleted: 3,
      deletionRate: 0.3333,
      byReason: { ...zeroReasons, 'administrative-error': 3 },
      byExamType: { ...zeroExamTypes, propedeuse: 3 },
      deletedWithExtract: 0,
      irreversibleDeliveries: { 'cibg-big': 0, nuffic: 0 },
      fraudReports: 0,
      lateRegistrations: 0,
      previousPeriod: { period: '2026-05', deleted: 0, deletionRate: 0 },
    });
    expect(history(found)).toEqual(
      withNational([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [4, 0, 0],
        [9, 3, 0.3333],
      ]),
    );
    expect(found.deletedResults.map((l) => l.resultId)).toEqual(ids('H2', '25LH', 3));
  });

  it('27UM', () => {
    const { found, figures } = institution('27UM');
    expect(figures).toEqual({
      ...common,
      institutionCode: '27UM',
      registered: 30,
      deleted: 10,
      deletionRate: 0.3333,
      byReason: {
        ...zeroReasons,
        'administrative-error': 5,
        'student-request-extra-courses': 5,
      },
      byExamType: { ...zeroExamTypes, 'associate-degree': 5, bachelor: 5 },
      deletedWithExtract: 5,
      irreversibleDeliveries: { 'cibg-big': 5, nuffic: 5 },
      fraudReports: 1,
      lateRegistrations: 1,
      previousPeriod: { period: '2026-05', deleted: 2, deletionRate: 0.1667 },
    });
    expect(history(found)).toEqual(
      withNational([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [12, 2, 0.1667],
        [30, 10, 0.3333],
      ]),
    );
    // All ten at the same instant: the result id decides.
    expect(found.deletedResults.map((l) => l.resultId)).toEqual([
      ...ids('C2', '27UM', 5),
      ...ids('C3', '27UM', 5),
    ]);
    expect(found.deletedResults[0]).toMatchObject({
      examType: 'associate-degree',
      extractsIssued: 3,
      irreversiblePartners: ['cibg-big', 'nuffic'],
    });
  });

  it('31FR, with zeros', () => {
    const { found, figures } = institution('31FR');
    expect(figures).toEqual({
      ...common,
      institutionCode: '31FR',
      registered: 0,
      deleted: 0,
      deletionRate: 0,
      byReason: zeroReasons,
      byExamType: zeroExamTypes,
      deletedWithExtract: 0,
      irreversibleDeliveries: { 'cibg-big': 0, nuffic: 0 },
      fraudReports: 0,
      lateRegistrations: 0,
      previousPeriod: { period: '2026-05', deleted: 0, deletionRate: 0 },
    });
    expect(history(found)).toEqual(
      withNational([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
        [18, 3, 0.1667],
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expect(found.deletedResults).toEqual([]);
  });

  it('nationally', () => {
    const { institutions, ...totals } = built.national;
    expect(totals).toEqual({
      period: '2026-11',
      from: '2026-05-01',
      to: '2026-11-01',
      preview: false,
      generatedAt: GENERATED_AT,
      registered: 201,
      deleted: 40,
      deletionRate: 0.199,
      irreversibleDeliveries: { 'cibg-big': 14, nuffic: 16 },
      fraudReports: 9,
      previousPeriod: { period: '2026-05', deleted: 6, deletionRate: 0.0759 },
    });
    expect(
      institutions.map((r) => [
        r.institutionCode,
        r.registered,
        r.deleted,
        r.deletionRate,
        r.irreversibleDeliveries,
        r.irreversibleByPartner,
        r.fraudReports,
      ]),
    ).toEqual([
      ['27UM', 30, 10, 0.3333, 10, { 'cibg-big': 5, nuffic: 5 }, 1],
      ['25LH', 9, 3, 0.3333, 0, { 'cibg-big': 0, nuffic: 0 }, 0],
      ['21PA', 92, 16, 0.1739, 12, { 'cibg-big': 9, nuffic: 3 }, 7],
      ['23AH', 70, 11, 0.1571, 8, { 'cibg-big': 0, nuffic: 8 }, 1],
      ['31FR', 0, 0, 0, 0, { 'cibg-big': 0, nuffic: 0 }, 0],
    ]);
  });

  it('is the same when the inputs come in the reverse order', () => {
    expect(JSON.stringify(buildFixture('reversed'))).toBe(JSON.stringify(built));
  });
});

describe('the fixture as events', () => {
  const { results, flags } = overviewFixtureEvents();

  it('has 329 results with 430 result events, and 32 flags', () => {
    // 329 registrations + 4 corrections (D2) + 29 extracts (D1 6, D3 6, E3 2, C2 15)
    // + 12 fraud reports (D5 2, F1 3, F2 4, B7 1, B8 1, C6 1) + 6 reinstatements (F1 3, F2 2, C6 1)
    // + 50 deletions. Flags: D1 6 + D3 6 + D4 2 + E1 8 + C2 10.
    expect(FIXTURE_GROUPS.reduce((n, g) => n + g.count, 0)).toBe(329);
    expect(results).toHaveLength(329);
    expect(results.flatMap((r) => r.events)).toHaveLength(430);
    expect(flags).toHaveLength(32);
  });

  it("numbers each result's events 1..n, and every event keeps to the contract", () => {
    for (const { resultId, institutionCode, events } of results) {
      expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
      expect(events[0].type).toBe('ResultRegistered');
      for (const event of events) {
        expect({ resultId, institutionCode }).toEqual({
          resultId: event.resultId,
          institutionCode: event.institutionCode,
        });
        const validated = validateEvent(JSON.parse(JSON.stringify(event)));
        expect([event.type, validated.ok ? [] : validated.errors]).toEqual([event.type, []]);
      }
    }
    for (const flag of flags) {
      const validated = validateEvent(JSON.parse(JSON.stringify(flag)));
      expect(validated.ok ? [] : validated.errors).toEqual([]);
    }
  });

  it('names in every flag the deletion event of its result', () => {
    const deletions = new Map(
      results.flatMap((r) =>
        r.events.filter((e) => e.type === 'ResultDeleted').map((e) => [e.eventId, e]),
      ),
    );
    for (const flag of flags) {
      const deletion = deletions.get((flag.data as { deletionEventId: string }).deletionEventId);
      expect(deletion?.resultId).toBe(flag.resultId);
    }
  });

  it('carries personal numbers, which the facts the builder gets do not', () => {
    const bsns = results.map((r) => (r.events[0].data as { person: { bsn: string } }).person.bsn);
    expect(bsns.every(isValidBsn)).toBe(true);
    const facts = JSON.stringify(overviewFixtureInputs({ results, flags }).results);
    expect(facts).not.toMatch(/person|bsn/);
    expect(bsns.some((bsn) => facts.includes(bsn))).toBe(false);
  });
});
