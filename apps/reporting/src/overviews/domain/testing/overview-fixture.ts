// Test support: the hand-computed overview fixture. Only tests import this folder.
import type {
  DeletedByParty,
  DeletionReason,
  EventEnvelope,
  ExamType,
  ProgrammeLevel,
} from '@rod/contracts';
import type { ResultFacts } from '../../../results/domain/result-facts';
import { applyToFacts } from '../../../results/domain/result-facts';
import type { IrreversibleFlagFact } from '../overview-builder';
import { daysAfter, fixtureBsn, flagEvent, resultEvent } from './fixture-events';

/** The period the fixture is about: 1 May 2026 up to 1 November 2026, Amsterdam time. */
export const FIXTURE_PERIOD = '2026-11';

/**
 * The instants the fixture uses, in UTC. Summer time (CEST, UTC+2) ran from 29 March to
 * 25 October 2026; before and after it is CET (UTC+1), also on 1 November 2025.
 */
export const AT = {
  /** 31 October 2025 23:59:59 CET: the last second of 2025-11. */
  OCT_2025_LAST: '2025-10-31T22:59:59.000Z',
  /** 1 November 2025 00:00:00 CET: the first instant of 2026-05, the previous period. */
  NOV_2025_FIRST: '2025-10-31T23:00:00.000Z',
  /** 30 April 2026 23:59:59 CEST: the last second of 2026-05. */
  APR_2026_LAST: '2026-04-30T21:59:59.000Z',
  /** 1 May 2026 00:00:00 CEST: the first instant of 2026-11. */
  MAY_2026_FIRST: '2026-04-30T22:00:00.000Z',
  /** 25 October 2026 02:30 CET, the night summer time ended: inside 2026-11. */
  DST_END_2026: '2026-10-25T01:30:00.000Z',
  /** 31 October 2026 23:59:59 CET: the last second of 2026-11. */
  OCT_2026_LAST: '2026-10-31T22:59:59.000Z',
  /** 1 November 2026 00:00:00 CET: the first instant of 2027-05, after the period. */
  NOV_2026_FIRST: '2026-10-31T23:00:00.000Z',
} as const;

interface Programme {
  crohoCode: string;
  level: ProgrammeLevel;
  examType: ExamType;
}

// Programme codes outside propagation's default healthcare list: with propagation running,
// it flags none of these results itself, so the flags below are the only ones.
const P = {
  pa: {
    bachelor: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    propedeuse: { crohoCode: '34479', level: 'HBO', examType: 'propedeuse' },
    master: { crohoCode: '44479', level: 'HBO', examType: 'master' },
    ad: { crohoCode: '80079', level: 'HBO', examType: 'associate-degree' },
  },
  ah: {
    bachelor: { crohoCode: '56604', level: 'WO', examType: 'bachelor' },
    master: { crohoCode: '66588', level: 'WO', examType: 'master' },
  },
  lh: {
    bachelor: { crohoCode: '39225', level: 'HBO', examType: 'bachelor' },
    propedeuse: { crohoCode: '39225', level: 'HBO', examType: 'propedeuse' },
  },
  um: {
    bachelor: { crohoCode: '30010', level: 'HBO', examType: 'bachelor' },
    ad: { crohoCode: '80010', level: 'HBO', examType: 'associate-degree' },
  },
  fr: { master: { crohoCode: '60400', level: 'WO', examType: 'master' } },
} satisfies Record<string, Record<string, Programme>>;

/** One row of the fixture: `count` results alike but for their sequence number. */
export interface FixtureGroup {
  /** The results are `<institution>-<group>x001`, `…x002`, … */
  group: string;
  institution: string;
  count: number;
  programme: Programme;
  registeredAt: string;
  late: boolean;
  /** Corrected (an hour after registration) to this programme. */
  correctedTo?: Programme;
  /** Extracts issued, one a day after registration. */
  extracts?: number;
  /** Fraud reports in order; each reinstated at `reinstatedAt` if given. */
  fraud?: { reportedAt: string; reinstatedAt?: string }[];
  deletion?: { reason: DeletionReason; deletedAt: string };
  /** Partners that hold the result and cannot retract it: one flag each. */
  flags?: string[];
}

const JUN = '2026-06-15T10:00:00.000Z'; // in 2026-11
const JAN = '2026-01-15T10:00:00.000Z'; // in 2026-05
const SEP = '2026-09-01T10:00:00.000Z'; // in 2026-11
const DEC = '2025-12-01T10:00:00.000Z'; // in 2026-05
const JUL = '2026-07-01T10:00:00.000Z'; // in 2026-11

/**
 * The fixture: 329 results in 6 institutions. Comments say where each row counts for
 * 2026-11 (the period), 2026-05 (the previous period) or elsewhere. Kept as a table on
 * purpose, hence no Prettier.
 */
// prettier-ignore
export const FIXTURE_GROUPS: FixtureGroup[] = [
  // ── 21PA (HBO): 149 results ──
  { group: 'A1', institution: '21PA', count: 60, programme: P.pa.bachelor, registeredAt: JUN, late: false }, // reg 2026-11
  { group: 'A2', institution: '21PA', count: 10, programme: P.pa.bachelor, registeredAt: AT.MAY_2026_FIRST, late: true }, // reg 2026-11 (first instant), late
  { group: 'A3', institution: '21PA', count: 10, programme: P.pa.propedeuse, registeredAt: AT.APR_2026_LAST, late: false }, // reg 2026-05 (last second)
  { group: 'A4', institution: '21PA', count: 5, programme: P.pa.master, registeredAt: AT.OCT_2026_LAST, late: true }, // reg 2026-11 (last second), late
  { group: 'A5', institution: '21PA', count: 5, programme: P.pa.bachelor, registeredAt: AT.NOV_2026_FIRST, late: false }, // reg 2027-05: not counted
  { group: 'A6', institution: '21PA', count: 20, programme: P.pa.bachelor, registeredAt: JAN, late: false }, // reg 2026-05
  { group: 'A7', institution: '21PA', count: 10, programme: P.pa.ad, registeredAt: '2025-06-10T10:00:00.000Z', late: false }, // reg 2025-11
  { group: 'A8', institution: '21PA', count: 5, programme: P.pa.bachelor, registeredAt: '2023-03-01T10:00:00.000Z', late: false }, // reg 2023-05: before the rate history
  { group: 'D1', institution: '21PA', count: 6, programme: P.pa.bachelor, registeredAt: JUN, late: false, extracts: 1,
    deletion: { reason: 'administrative-error', deletedAt: '2026-07-01T12:00:00.000Z' }, flags: ['cibg-big'] }, // reg+del 2026-11
  { group: 'D2', institution: '21PA', count: 4, programme: P.pa.bachelor, registeredAt: JUN, late: false, correctedTo: P.pa.master,
    deletion: { reason: 'registered-too-early', deletedAt: '2026-08-03T12:00:00.000Z' } }, // reg+del 2026-11, counted as master
  { group: 'D3', institution: '21PA', count: 3, programme: P.pa.bachelor, registeredAt: JAN, late: false, extracts: 2,
    deletion: { reason: 'student-request-extra-courses', deletedAt: AT.MAY_2026_FIRST }, flags: ['cibg-big', 'nuffic'] }, // reg 2026-05, del 2026-11
  { group: 'D4', institution: '21PA', count: 2, programme: P.pa.bachelor, registeredAt: JAN, late: false,
    deletion: { reason: 'student-request-grade-improvement', deletedAt: AT.APR_2026_LAST }, flags: ['cibg-big'] }, // reg+del 2026-05
  { group: 'D5', institution: '21PA', count: 2, programme: P.pa.propedeuse, registeredAt: JUN, late: false,
    fraud: [{ reportedAt: '2026-07-10T08:00:00.000Z' }],
    deletion: { reason: 'fraud', deletedAt: '2026-07-20T08:00:00.000Z' } }, // reg+fraud+del 2026-11 (by the helpdesk)
  { group: 'D6', institution: '21PA', count: 1, programme: P.pa.bachelor, registeredAt: JUN, late: false,
    deletion: { reason: 'other', deletedAt: AT.OCT_2026_LAST } }, // reg+del 2026-11 (last second)
  { group: 'D7', institution: '21PA', count: 1, programme: P.pa.bachelor, registeredAt: JUN, late: false,
    deletion: { reason: 'duplicate', deletedAt: AT.NOV_2026_FIRST } }, // reg 2026-11, del 2027-05
  { group: 'F1', institution: '21PA', count: 3, programme: P.pa.bachelor, registeredAt: JUN, late: false,
    fraud: [{ reportedAt: '2026-09-01T08:00:00.000Z', reinstatedAt: '2026-09-15T08:00:00.000Z' }] }, // reg+fraud 2026-11
  { group: 'F2', institution: '21PA', count: 2, programme: P.pa.bachelor, registeredAt: JAN, late: false,
    fraud: [
      { reportedAt: '2026-03-01T08:00:00.000Z', reinstatedAt: '2026-03-15T08:00:00.000Z' }, // 2026-05
      { reportedAt: '2026-05-10T08:00:00.000Z' }, // 2026-11, still suspended
    ] }, // reg 2026-05

  // ── 23AH (WO): 105 results ──
  { group: 'B1', institution: '23AH', count: 40, programme: P.ah.master, registeredAt: SEP, late: false }, // reg 2026-11
  { group: 'B2', institution: '23AH', count: 20, programme: P.ah.bachelor, registeredAt: '2026-05-05T10:00:00.000Z', late: true }, // reg 2026-11, late
  { group: 'B3', institution: '23AH', count: 20, programme: P.ah.bachelor, registeredAt: DEC, late: false }, // reg 2026-05
  { group: 'B4', institution: '23AH', count: 5, programme: P.ah.master, registeredAt: '2024-09-01T10:00:00.000Z', late: false }, // reg 2024-11
  { group: 'B5', institution: '23AH', count: 2, programme: P.ah.bachelor, registeredAt: AT.NOV_2025_FIRST, late: false }, // reg 2026-05 (first instant)
  { group: 'B6', institution: '23AH', count: 3, programme: P.ah.bachelor, registeredAt: AT.OCT_2025_LAST, late: false }, // reg 2025-11 (last second)
  { group: 'B7', institution: '23AH', count: 1, programme: P.ah.master, registeredAt: SEP, late: false,
    fraud: [{ reportedAt: AT.OCT_2026_LAST }] }, // reg+fraud 2026-11 (last second)
  { group: 'B8', institution: '23AH', count: 1, programme: P.ah.master, registeredAt: SEP, late: false,
    fraud: [{ reportedAt: AT.NOV_2026_FIRST }] }, // reg 2026-11, fraud 2027-05
  { group: 'E1', institution: '23AH', count: 8, programme: P.ah.master, registeredAt: SEP, late: false,
    deletion: { reason: 'duplicate', deletedAt: '2026-09-20T10:00:00.000Z' }, flags: ['nuffic'] }, // reg+del 2026-11
  { group: 'E2', institution: '23AH', count: 2, programme: P.ah.bachelor, registeredAt: DEC, late: false,
    deletion: { reason: 'administrative-error', deletedAt: '2025-12-20T10:00:00.000Z' } }, // reg+del 2026-05
  { group: 'E3', institution: '23AH', count: 2, programme: P.ah.bachelor, registeredAt: DEC, late: false, extracts: 1,
    deletion: { reason: 'student-request-grade-improvement', deletedAt: '2026-06-01T10:00:00.000Z' } }, // reg 2026-05, del 2026-11
  { group: 'E4', institution: '23AH', count: 1, programme: P.ah.master, registeredAt: '2024-09-01T10:00:00.000Z', late: false,
    deletion: { reason: 'other', deletedAt: AT.DST_END_2026 } }, // reg 2024-11, del 2026-11

  // ── 25LH (HBO): 13 results ──
  { group: 'H1', institution: '25LH', count: 6, programme: P.lh.bachelor, registeredAt: '2026-05-12T10:00:00.000Z', late: false }, // reg 2026-11
  { group: 'H2', institution: '25LH', count: 3, programme: P.lh.propedeuse, registeredAt: '2026-05-12T10:00:00.000Z', late: false,
    deletion: { reason: 'administrative-error', deletedAt: '2026-06-01T10:00:00.000Z' } }, // reg+del 2026-11
  { group: 'H3', institution: '25LH', count: 4, programme: P.lh.bachelor, registeredAt: '2026-03-01T10:00:00.000Z', late: false }, // reg 2026-05

  // ── 27UM (HBO): 42 results ──
  { group: 'C1', institution: '27UM', count: 19, programme: P.um.bachelor, registeredAt: JUL, late: false }, // reg 2026-11
  { group: 'C2', institution: '27UM', count: 5, programme: P.um.ad, registeredAt: JUL, late: false, extracts: 3,
    deletion: { reason: 'student-request-extra-courses', deletedAt: '2026-08-15T10:00:00.000Z' }, flags: ['cibg-big', 'nuffic'] }, // reg+del 2026-11
  { group: 'C3', institution: '27UM', count: 5, programme: P.um.bachelor, registeredAt: JUL, late: false,
    deletion: { reason: 'administrative-error', deletedAt: '2026-08-15T10:00:00.000Z' } }, // reg+del 2026-11, same instant as C2
  { group: 'C4', institution: '27UM', count: 10, programme: P.um.bachelor, registeredAt: '2026-02-01T10:00:00.000Z', late: false }, // reg 2026-05
  { group: 'C5', institution: '27UM', count: 2, programme: P.um.bachelor, registeredAt: '2026-02-01T10:00:00.000Z', late: false,
    deletion: { reason: 'registered-too-early', deletedAt: '2026-03-01T10:00:00.000Z' } }, // reg+del 2026-05
  { group: 'C6', institution: '27UM', count: 1, programme: P.um.bachelor, registeredAt: JUL, late: true,
    fraud: [{ reportedAt: '2026-07-05T10:00:00.000Z', reinstatedAt: '2026-07-06T10:00:00.000Z' }] }, // reg+fraud 2026-11, late

  // ── 31FR (WO): 18 results, nothing since 2025-11: shown with zeros ──
  { group: 'R1', institution: '31FR', count: 15, programme: P.fr.master, registeredAt: '2025-06-10T10:00:00.000Z', late: false }, // reg 2025-11
  { group: 'R2', institution: '31FR', count: 3, programme: P.fr.master, registeredAt: '2025-06-10T10:00:00.000Z', late: false,
    deletion: { reason: 'duplicate', deletedAt: '2025-07-01T10:00:00.000Z' } }, // reg+del 2025-11

  // ── 42NX (HBO): 2 results registered after the period: not shown ──
  { group: 'N1', institution: '42NX', count: 2, programme: P.pa.bachelor, registeredAt: AT.NOV_2026_FIRST, late: false }, // reg 2027-05
];

/** One result of the fixture with its events, in sequence (1..n). */
export interface FixtureResult {
  resultId: string;
  institutionCode: string;
  events: EventEnvelope[];
}

/** The fixture as messages: every result's events, and propagation's flags after them. */
export interface FixtureEvents {
  results: FixtureResult[];
  /** `IrreversibleDeliveryFlagged`, each naming its result's `ResultDeleted` event. */
  flags: EventEnvelope[];
}

/**
 * The fixture's events, fresh envelopes (new event ids) on every call: publish each
 * result's events and the flags, and reporting must show the figures of the fixture test.
 */
export function overviewFixtureEvents(groups: FixtureGroup[] = FIXTURE_GROUPS): FixtureEvents {
  const results: FixtureResult[] = [];
  const flags: EventEnvelope[] = [];
  let person = 0;
  for (const g of groups) {
    for (let i = 1; i <= g.count; i++) {
      const resultSequence = `${g.group}x${String(i).padStart(3, '0')}`;
      const resultId = `${g.institution}-${resultSequence}`;
      const history = resultHistory(g, resultId, resultSequence, fixtureBsn(person++));
      results.push({ resultId, institutionCode: g.institution, events: history });
      const deleted = history.find((e) => e.type === 'ResultDeleted');
      if (!deleted) continue;
      (g.flags ?? []).forEach((partnerId, n) =>
        flags.push(flagEvent(deleted, partnerId, n + 1, daysAfter(g.registeredAt, 0.5))),
      );
    }
  }
  return { results, flags };
}

function resultHistory(
  g: FixtureGroup,
  resultId: string,
  resultSequence: string,
  bsn: string,
): EventEnvelope[] {
  const events: EventEnvelope[] = [];
  const add = (type: Parameters<typeof resultEvent>[0], at: string, data: object) =>
    events.push(resultEvent(type, resultId, g.institution, events.length + 1, at, data));
  const snapshot = {
    resultSequence,
    person: { bsn },
    programme: g.programme,
    // On time: two weeks before registration; late: over 8 weeks before.
    examDate: daysAfter(g.registeredAt, g.late ? -90 : -14).slice(0, 10),
    studyMode: 'full-time',
  };
  add('ResultRegistered', g.registeredAt, {
    ...snapshot,
    registeredAt: g.registeredAt,
    late: g.late,
  });
  let programme = g.programme;
  if (g.correctedTo) {
    programme = g.correctedTo;
    add('ResultCorrected', daysAfter(g.registeredAt, 1 / 24), {
      result: { ...snapshot, programme },
      changed: ['programme'],
    });
  }
  for (let x = 1; x <= (g.extracts ?? 0); x++) {
    add('ExtractIssued', daysAfter(g.registeredAt, x), {
      extractId: `${resultId}-extract-${x}`,
      issuedAt: daysAfter(g.registeredAt, x),
    });
  }
  for (const report of g.fraud ?? []) {
    add('ResultSuspended', report.reportedAt, {
      explanation: 'suspected fraud (fixture)',
      reportedAt: report.reportedAt,
    });
    if (report.reinstatedAt) {
      add('ResultReinstated', report.reinstatedAt, { decidedAt: report.reinstatedAt });
    }
  }
  if (g.deletion) {
    const { reason, deletedAt } = g.deletion;
    const deletedBy: DeletedByParty = reason === 'fraud' ? 'helpdesk' : 'institution';
    const partners = g.flags ?? [];
    add('ResultDeleted', deletedAt, {
      reason,
      ...(reason === 'other' || reason === 'fraud' ? { explanation: `${reason} (fixture)` } : {}),
      deletedAt,
      deletedBy,
      acknowledgedIrreversible: partners.length > 0 || (g.extracts ?? 0) > 0,
      consequences: {
        extractsIssued: g.extracts ?? 0,
        partnersHolding: [
          ...partners.map((partnerId) => ({ partnerId, canRetract: false })),
          { partnerId: 'mijnoverheid', canRetract: true },
        ],
      },
      registeredAt: g.registeredAt,
      programme,
    });
  }
  return events;
}

/** The fixture as the builder is fed: each result's facts (its events reduced) and the flags. */
export function overviewFixtureInputs(events: FixtureEvents = overviewFixtureEvents()): {
  results: [string, ResultFacts][];
  flags: IrreversibleFlagFact[];
} {
  const results = events.results.map(({ resultId, events: history }): [string, ResultFacts] => {
    const facts = history.reduce<ResultFacts | null>((f, e) => applyToFacts(f, e), null);
    if (!facts) throw new Error(`fixture result ${resultId} has no registration`);
    return [resultId, facts];
  });
  const flags = events.flags.map((e): IrreversibleFlagFact => {
    const data = e.data as { partnerId: string; deletedAt: string };
    return {
      resultId: e.resultId ?? '',
      institutionCode: e.institutionCode ?? '',
      partnerId: data.partnerId,
      deletedAt: data.deletedAt,
    };
  });
  return { results, flags };
}
