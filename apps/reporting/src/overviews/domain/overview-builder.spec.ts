import { DeletionReasons, ExamTypes } from '@rod/contracts';
import type { ResultFacts } from '../../results/domain/result-facts';
import type { BuiltOverviews } from './overview';
import type { IrreversibleFlagFact } from './overview-builder';
import { OverviewBuilder } from './overview-builder';
import { periodNamed } from './periods';

const period = (name: string) => periodNamed(name)!;
const BUILT_AT = { generatedAt: '2026-11-01T06:00:00.000Z', preview: false };

/** A result registered in June 2025 (period 2025-11), nothing else happened to it. */
function facts(change: Partial<ResultFacts> = {}): ResultFacts {
  return {
    institutionCode: '21PA',
    crohoCode: '34479',
    level: 'HBO',
    examType: 'bachelor',
    registeredAt: '2025-06-15T10:00:00.000Z',
    late: false,
    status: 'registered',
    deletedAt: null,
    deletionReason: null,
    deletedBy: null,
    extractsIssued: 0,
    fraudReportedAt: [],
    ...change,
  };
}

const deletedAt = (at: string, change: Partial<ResultFacts> = {}): ResultFacts =>
  facts({
    status: 'deleted',
    deletedAt: at,
    deletionReason: 'administrative-error',
    deletedBy: 'institution',
    ...change,
  });

function build(
  name: string,
  results: [string, ResultFacts][],
  flags: IrreversibleFlagFact[] = [],
  history?: number,
): BuiltOverviews {
  const builder = new OverviewBuilder(period(name), history);
  for (const [id, f] of results) builder.addResult(id, f);
  for (const flag of flags) builder.addFlag(flag);
  return builder.build(BUILT_AT);
}

const only = (built: BuiltOverviews) => {
  expect(built.institutions).toHaveLength(1);
  return built.institutions[0];
};

/**
 * Summer time in 2025 ended on 26 October; in 2026 it starts on 29 March and ends on
 * 25 October. So 1 May 00:00 in Amsterdam is 22:00Z the day before (CEST, UTC+2) and
 * 1 November 00:00 is 23:00Z on 31 October (CET, UTC+1).
 */
const BOUNDARIES: [string, string, string][] = [
  ['2025-10-31T22:59:59.000Z', '31 October 2025 23:59:59 CET', '2025-11'],
  ['2025-10-31T23:00:00.000Z', '1 November 2025 00:00:00 CET', '2026-05'],
  ['2026-03-29T01:30:00.000Z', 'the night summer time starts (03:30 CEST)', '2026-05'],
  ['2026-04-30T21:59:59.000Z', '30 April 2026 23:59:59 CEST', '2026-05'],
  ['2026-04-30T21:59:59.999Z', 'the last millisecond of April in Amsterdam', '2026-05'],
  ['2026-04-30T22:00:00.000Z', '1 May 2026 00:00:00 CEST', '2026-11'],
  ['2026-04-30T23:59:59+02:00', '30 April 23:59:59 CEST, written with an offset', '2026-05'],
  ['2026-05-01T00:00:00+02:00', '1 May 00:00:00 CEST, written with an offset', '2026-11'],
  ['2026-10-25T00:30:00.000Z', '25 October 02:30 CEST, before summer time ends', '2026-11'],
  ['2026-10-25T01:30:00.000Z', '25 October 02:30 CET, after summer time ends', '2026-11'],
  ['2026-10-31T22:59:59.000Z', '31 October 2026 23:59:59 CET', '2026-11'],
  ['2026-10-31T23:00:00.000Z', '1 November 2026 00:00:00 CET', '2027-05'],
  ['2026-11-01T00:30:00+01:00', '1 November 00:30 CET, written with an offset', '2027-05'],
];
const PERIODS = ['2025-11', '2026-05', '2026-11', '2027-05'];

describe('OverviewBuilder', () => {
  describe('puts every instant in the period of its Amsterdam calendar day', () => {
    it.each(BOUNDARIES)('a deletion at %s (%s) counts in %s only', (at, _what, expected) => {
      for (const name of PERIODS) {
        const overview = only(
          build(name, [['21PA-1', deletedAt(at, { registeredAt: '2024-06-01T10:00:00.000Z' })]]),
        );
        expect([name, overview.deleted]).toEqual([name, name === expected ? 1 : 0]);
      }
    });

    it.each(BOUNDARIES)('a registration at %s (%s) counts in %s only', (at, _what, expected) => {
      for (const name of PERIODS) {
        const built = build(name, [['21PA-1', facts({ registeredAt: at, late: true })]]);
        const counted = name === expected ? 1 : 0;
        // A period that ends before the registration does not show the institution at all.
        const seen =
          PERIODS.indexOf(name) < PERIODS.indexOf(expected)
            ? built.institutions
            : [only(built).registered, only(built).lateRegistrations];
        const wanted = PERIODS.indexOf(name) < PERIODS.indexOf(expected) ? [] : [counted, counted];
        expect([name, seen]).toEqual([name, wanted]);
      }
    });

    it.each(BOUNDARIES)('a fraud report at %s (%s) counts in %s only', (at, _what, expected) => {
      for (const name of PERIODS) {
        const overview = only(
          build(name, [
            ['21PA-1', facts({ registeredAt: '2024-06-01T10:00:00.000Z', fraudReportedAt: [at] })],
          ]),
        );
        expect([name, overview.fraudReports]).toEqual([name, name === expected ? 1 : 0]);
      }
    });

    it.each(BOUNDARIES)(
      'a flag of a deletion at %s (%s) counts in %s only',
      (at, _what, expected) => {
        for (const name of PERIODS) {
          const built = build(
            name,
            [['21PA-1', facts({ registeredAt: '2024-06-01T10:00:00.000Z' })]],
            [{ resultId: '21PA-1', institutionCode: '21PA', partnerId: 'cibg-big', deletedAt: at }],
          );
          const expectedFlags = name === expected ? { 'cibg-big': 1 } : {};
          expect([name, only(built).irreversibleDeliveries]).toEqual([name, expectedFlags]);
          expect([name, built.national.irreversibleDeliveries]).toEqual([name, expectedFlags]);
        }
      },
    );
  });

  describe('counts a deleted result of the period', () => {
    const result = deletedAt('2026-07-01T10:00:00.000Z', {
      examType: 'master',
      deletionReason: 'duplicate',
      extractsIssued: 2,
      fraudReportedAt: ['2026-06-20T10:00:00.000Z'],
    });

    it.each([
      ['deleted', 1],
      ['registered', 0],
      ['deletionRate', 0],
      ['deletedWithExtract', 1],
      ['fraudReports', 1],
      ['lateRegistrations', 0],
    ] as const)('%s: %d', (field, value) => {
      expect(only(build('2026-11', [['21PA-1', result]]))[field]).toBe(value);
    });

    it('by every reason and every exam type, in their order, zeros included', () => {
      const overview = only(build('2026-11', [['21PA-1', result]]));
      expect(Object.keys(overview.byReason)).toEqual([...DeletionReasons]);
      expect(Object.keys(overview.byExamType)).toEqual([...ExamTypes]);
      expect(overview.byReason).toMatchObject({
        duplicate: 1,
        'administrative-error': 0,
        other: 0,
      });
      expect(overview.byExamType).toEqual({
        propedeuse: 0,
        'associate-degree': 0,
        bachelor: 0,
        master: 1,
      });
    });

    it('in the list of deleted results, with the partners that hold it irreversibly', () => {
      const built = build(
        '2026-11',
        [['21PA-1', result]],
        [
          {
            resultId: '21PA-1',
            institutionCode: '21PA',
            partnerId: 'nuffic',
            deletedAt: result.deletedAt!,
          },
          {
            resultId: '21PA-1',
            institutionCode: '21PA',
            partnerId: 'cibg-big',
            deletedAt: result.deletedAt!,
          },
        ],
      );
      expect(only(built).deletedResults).toEqual([
        {
          resultId: '21PA-1',
          examType: 'master',
          crohoCode: '34479',
          registeredAt: '2025-06-15T10:00:00.000Z',
          deletedAt: '2026-07-01T10:00:00.000Z',
          reason: 'duplicate',
          deletedBy: 'institution',
          extractsIssued: 2,
          irreversiblePartners: ['cibg-big', 'nuffic'],
        },
      ]);
    });

    it('not when it is suspended or registered, whatever its deletedAt says', () => {
      const overview = only(
        build('2026-11', [
          ['21PA-1', { ...result, status: 'suspended' }],
          ['21PA-2', { ...result, status: 'registered' }],
        ]),
      );
      expect(overview).toMatchObject({ deleted: 0, deletedResults: [], deletedWithExtract: 0 });
    });
  });

  it('lists deleted results oldest deletion first, the result id breaking ties', () => {
    const at = '2026-08-15T10:00:00.000Z';
    const overview = only(
      build('2026-11', [
        ['21PA-B', deletedAt(at)],
        ['21PA-C', deletedAt('2026-06-01T10:00:00+02:00')],
        ['21PA-A', deletedAt(at)],
        ['21PA-D', deletedAt('2026-06-01T07:59:59.000Z')],
      ]),
    );
    expect(overview.deletedResults.map((l) => l.resultId)).toEqual([
      '21PA-D',
      '21PA-C',
      '21PA-A',
      '21PA-B',
    ]);
  });

  describe('shows irreversible deliveries', () => {
    const flag = (
      resultId: string,
      institutionCode: string,
      partnerId: string,
      at = '2026-07-01T10:00:00.000Z',
    ) => ({
      resultId,
      institutionCode,
      partnerId,
      deletedAt: at,
    });
    const results: [string, ResultFacts][] = [
      ['21PA-1', facts()],
      ['23AH-1', facts({ institutionCode: '23AH' })],
    ];

    it('keyed by every partner flagged in the period in the country, sorted, zeros filled', () => {
      const built = build('2026-11', results, [
        flag('21PA-1', '21PA', 'nuffic'),
        flag('23AH-1', '23AH', 'cibg-big'),
        flag('23AH-2', '23AH', 'cibg-big'),
        flag('21PA-9', '21PA', 'old-partner', '2026-01-01T10:00:00.000Z'),
      ]);
      expect(built.institutions.map((i) => [i.institutionCode, i.irreversibleDeliveries])).toEqual([
        ['21PA', { 'cibg-big': 0, nuffic: 1 }],
        ['23AH', { 'cibg-big': 2, nuffic: 0 }],
      ]);
      expect(Object.keys(built.institutions[0].irreversibleDeliveries)).toEqual([
        'cibg-big',
        'nuffic',
      ]);
      expect(built.national.irreversibleDeliveries).toEqual({ 'cibg-big': 2, nuffic: 1 });
      expect(
        built.national.institutions.map((r) => [r.institutionCode, r.irreversibleDeliveries]),
      ).toEqual([
        ['21PA', 1],
        ['23AH', 2],
      ]);
    });

    it('counting the same flag (result and partner) once', () => {
      const built = build('2026-11', results, [
        flag('21PA-1', '21PA', 'cibg-big'),
        flag('21PA-1', '21PA', 'cibg-big'),
        flag('21PA-1', '21PA', 'cibg-big', '2026-01-01T10:00:00.000Z'),
      ]);
      // The earliest deletedAt wins, whatever the order: January, so not in 2026-11.
      expect(built.national.irreversibleDeliveries).toEqual({});
      const reversed = build('2026-11', results, [
        flag('21PA-1', '21PA', 'cibg-big', '2026-01-01T10:00:00.000Z'),
        flag('21PA-1', '21PA', 'cibg-big'),
      ]);
      expect(reversed.national.irreversibleDeliveries).toEqual({});
    });
  });

  describe('shows institutions', () => {
    it('with a result registered before the end, even with nothing in the period (zeros)', () => {
      const built = build('2026-11', [
        ['31FR-1', facts({ institutionCode: '31FR', registeredAt: '2019-06-01T10:00:00.000Z' })],
      ]);
      expect(only(built)).toMatchObject({
        institutionCode: '31FR',
        registered: 0,
        deleted: 0,
        deletionRate: 0,
        fraudReports: 0,
        deletedResults: [],
      });
      expect(built.national.institutions).toHaveLength(1);
    });

    it('not with results registered after the end only', () => {
      const built = build('2026-11', [
        ['21PA-1', facts()],
        ['42NX-1', facts({ institutionCode: '42NX', registeredAt: '2026-10-31T23:00:00.000Z' })],
      ]);
      expect(built.institutions.map((i) => i.institutionCode)).toEqual(['21PA']);
    });

    it('with a flag in the period only', () => {
      const built = build(
        '2026-11',
        [],
        [
          {
            resultId: '27UM-1',
            institutionCode: '27UM',
            partnerId: 'cibg-big',
            deletedAt: '2026-07-01T10:00:00.000Z',
          },
        ],
      );
      expect(only(built)).toMatchObject({
        institutionCode: '27UM',
        registered: 0,
        irreversibleDeliveries: { 'cibg-big': 1 },
      });
    });

    it('sorted by code, and nationally by rate (as shown), deletions, then code', () => {
      const results: [string, ResultFacts][] = [];
      const add = (code: string, registered: number, deleted: number) => {
        for (let i = 0; i < registered; i++) {
          const registeredAt = '2026-06-01T10:00:00.000Z';
          results.push([
            `${code}-${i}`,
            i < deleted
              ? deletedAt('2026-07-01T10:00:00.000Z', { institutionCode: code, registeredAt })
              : facts({ institutionCode: code, registeredAt }),
          ]);
        }
      };
      add('10AA', 3, 1); // 0.3333, 1 deletion
      add('11AA', 30, 10); // 0.3333, 10 deletions
      add('12AA', 4, 2); // 0.5
      add('13AA', 3, 1); // 0.3333, 1 deletion: after 10AA by code
      add('14AA', 0, 0);
      results.push(['14AA-old', facts({ institutionCode: '14AA' })]); // 0 registered in the period
      add('15AA', 10000, 3334); // 0.33340 → 0.3334
      const built = build('2026-11', results);
      expect(built.institutions.map((i) => i.institutionCode)).toEqual([
        '10AA',
        '11AA',
        '12AA',
        '13AA',
        '14AA',
        '15AA',
      ]);
      expect(
        built.national.institutions.map((r) => [r.institutionCode, r.deletionRate, r.deleted]),
      ).toEqual([
        ['12AA', 0.5, 2],
        ['15AA', 0.3334, 3334],
        ['11AA', 0.3333, 10],
        ['10AA', 0.3333, 1],
        ['13AA', 0.3333, 1],
        ['14AA', 0, 0],
      ]);
      expect(built.national).toMatchObject({
        registered: 10040,
        deleted: 3348,
        deletionRate: 0.3335,
      });
    });
  });

  describe('compares with earlier periods', () => {
    const results: [string, ResultFacts][] = [
      // 2026-05: 4 registered, 1 of them deleted in 2026-05.
      ['21PA-1', facts({ registeredAt: '2026-01-10T10:00:00.000Z' })],
      ['21PA-2', facts({ registeredAt: '2026-01-10T10:00:00.000Z' })],
      ['21PA-3', facts({ registeredAt: '2026-01-10T10:00:00.000Z' })],
      [
        '21PA-4',
        deletedAt('2026-02-01T10:00:00.000Z', { registeredAt: '2026-01-10T10:00:00.000Z' }),
      ],
      // 2025-11 (two periods back): 2 registered.
      ['21PA-5', facts()],
      ['21PA-6', facts()],
      // 2026-11: 2 registered, 1 deleted; elsewhere 1 registered, 1 deleted in 2026-05.
      ['21PA-7', facts({ registeredAt: '2026-06-01T10:00:00.000Z' })],
      [
        '21PA-8',
        deletedAt('2026-07-01T10:00:00.000Z', { registeredAt: '2026-06-01T10:00:00.000Z' }),
      ],
      [
        '23AH-1',
        deletedAt('2026-03-01T10:00:00.000Z', {
          institutionCode: '23AH',
          registeredAt: '2026-02-01T10:00:00.000Z',
        }),
      ],
    ];

    it('the previous period, per institution and nationally', () => {
      const built = build('2026-11', results);
      expect(built.institutions[0].previousPeriod).toEqual({
        period: '2026-05',
        deleted: 1,
        deletionRate: 0.25,
      });
      expect(built.institutions[1].previousPeriod).toEqual({
        period: '2026-05',
        deleted: 1,
        deletionRate: 1,
      });
      expect(built.national.previousPeriod).toEqual({
        period: '2026-05',
        deleted: 2,
        deletionRate: 0.4,
      });
      expect(built.institutions[0].nationalDeletionRate).toBe(0.5);
    });

    it('the rate history: the last periods, oldest first, with the national rate', () => {
      const built = build('2026-11', results, [], 3);
      expect(built.institutions[0].rateHistory).toEqual([
        { period: '2025-11', registered: 2, deleted: 0, deletionRate: 0, nationalDeletionRate: 0 },
        {
          period: '2026-05',
          registered: 4,
          deleted: 1,
          deletionRate: 0.25,
          nationalDeletionRate: 0.4,
        },
        {
          period: '2026-11',
          registered: 2,
          deleted: 1,
          deletionRate: 0.5,
          nationalDeletionRate: 0.5,
        },
      ]);
      expect(build('2026-11', results).institutions[0].rateHistory.map((p) => p.period)).toEqual([
        '2024-05',
        '2024-11',
        '2025-05',
        '2025-11',
        '2026-05',
        '2026-11',
      ]);
      const single = build('2026-11', results, [], 1).institutions[0];
      expect(single.rateHistory.map((p) => p.period)).toEqual(['2026-11']);
      expect(single.previousPeriod.deleted).toBe(1);
    });

    it.each([0, -1, 2.5])('refuses a rate history of %p periods', (history) => {
      expect(() => new OverviewBuilder(period('2026-11'), history)).toThrow(/at least 1/);
    });
  });

  describe('gives the same overviews for the same inputs', () => {
    const { results, flags } = randomInputs(7, 600);

    it('in whatever order results and flags are added', () => {
      const inOrder = JSON.stringify(build('2026-11', results, flags));
      for (const seed of [1, 2, 3]) {
        const shuffled = new OverviewBuilder(period('2026-11'));
        const calls = shuffle(
          [
            ...results.map((r) => () => shuffled.addResult(...r)),
            ...flags.map((f) => () => shuffled.addFlag(f)),
          ],
          seed,
        );
        for (const call of calls) call();
        expect(JSON.stringify(shuffled.build(BUILT_AT))).toBe(inOrder);
      }
    });

    it('apart from generatedAt, when built twice (also from the same builder)', () => {
      const builder = new OverviewBuilder(period('2026-11'));
      for (const r of results) builder.addResult(...r);
      for (const f of flags) builder.addFlag(f);
      const first = builder.build({ generatedAt: 'first', preview: true });
      const second = builder.build({ generatedAt: 'second', preview: true });
      const third = build('2026-11', results, flags);
      const withoutTime = (built: BuiltOverviews) =>
        JSON.stringify(built)
          .replace(/"generatedAt":"[^"]*"/g, '"generatedAt":"-"')
          .replace(/"preview":(true|false)/g, '"preview":-');
      expect(withoutTime(second)).toBe(withoutTime(first));
      expect(withoutTime(third)).toBe(withoutTime(first));
      expect(first.national.generatedAt).toBe('first');
      expect(second.institutions.every((i) => i.generatedAt === 'second' && i.preview)).toBe(true);
      // The inputs were not trivial: the comparison means something.
      expect(first.national.deleted).toBeGreaterThan(10);
      expect(Object.keys(first.national.irreversibleDeliveries)).toEqual(['cibg-big', 'nuffic']);
    });
  });
});

/** A small deterministic generator (mulberry32), so the random inputs are the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], seed: number): T[] {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function randomInputs(seed: number, count: number) {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const from = Date.parse('2025-09-01T00:00:00.000Z');
  const span = Date.parse('2027-01-01T00:00:00.000Z') - from;
  const instant = () => new Date(from + Math.floor(next() * span)).toISOString();
  const results: [string, ResultFacts][] = [];
  const flags: IrreversibleFlagFact[] = [];
  for (let i = 0; i < count; i++) {
    const institutionCode = pick(['21PA', '23AH', '25LH', '27UM']);
    const resultId = `${institutionCode}-R${i}`;
    const [a, b] = [instant(), instant()].sort();
    const deleted = next() < 0.3;
    results.push([
      resultId,
      facts({
        institutionCode,
        examType: pick(ExamTypes),
        registeredAt: a,
        late: next() < 0.2,
        extractsIssued: pick([0, 0, 1, 2]),
        fraudReportedAt: next() < 0.1 ? [instant(), instant()] : [],
        ...(deleted
          ? {
              status: 'deleted',
              deletedAt: b,
              deletionReason: pick(DeletionReasons),
              deletedBy: 'institution',
            }
          : {}),
      }),
    ]);
    if (deleted && next() < 0.5) {
      for (const partnerId of next() < 0.5 ? ['cibg-big'] : ['nuffic', 'cibg-big']) {
        flags.push({ resultId, institutionCode, partnerId, deletedAt: b });
      }
    }
  }
  return { results, flags };
}
