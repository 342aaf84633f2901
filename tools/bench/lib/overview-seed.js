'use strict';
// Reporting's read model, made up for `npm run bench:overview`: result documents in exactly
// the shape reporting stores (a SequencedDocument whose state is ResultFacts, see
// apps/reporting/src/results/domain/result-facts.ts) and irreversible flags, with the
// figures an overview built from them must show. Deterministic: result i is the same in
// every run of the same options.

const DELETION_REASONS = [
  'administrative-error',
  'registered-too-early',
  'student-request-extra-courses',
  'student-request-grade-improvement',
  'duplicate',
  'fraud',
  'other',
];
const EXAM_TYPES = ['propedeuse', 'associate-degree', 'bachelor', 'master'];
const PARTNERS = ['cibg-big', 'mijnoverheid'];
/** CROHO codes with their level; the first two stand for healthcare programmes. */
const PROGRAMMES = [
  ['34560', 'HBO'],
  ['56551', 'WO'],
  ['34479', 'HBO'],
  ['39280', 'HBO'],
  ['50645', 'WO'],
  ['56827', 'WO'],
  ['30020', 'HBO'],
  ['60452', 'WO'],
];
/** Where registrations fall: the period itself and the three before it (oldest last). */
const REGISTRATION_SHARES = [0.4, 0.25, 0.2, 0.15];
const DAY_MS = 86_400_000;

/**
 * Start and end (epoch ms) of period `YYYY-05` (1 Nov of the year before to 1 May) or
 * `YYYY-11` (1 May to 1 Nov), midnight in Amsterdam: 1 May is always summer time (UTC+2),
 * 1 November always winter time (UTC+1).
 */
function periodBounds(name) {
  const match = /^(\d{4})-(05|11)$/.exec(name);
  if (!match) throw new Error(`a period is YYYY-05 or YYYY-11, not "${name}"`);
  const year = Number(match[1]);
  const mayFirst = (y) => Date.UTC(y, 3, 30, 22);
  const novemberFirst = (y) => Date.UTC(y, 9, 31, 23);
  return match[2] === '05'
    ? { from: novemberFirst(year - 1), to: mayFirst(year) }
    : { from: mayFirst(year), to: novemberFirst(year) };
}

/** The `count` periods up to and including `name`, newest first, as bounds. */
function periodsBack(name, count) {
  const periods = [];
  let [year, half] = name.split('-');
  year = Number(year);
  for (let i = 0; i < count; i++) {
    periods.push(periodBounds(`${year}-${half}`));
    if (half === '05') {
      half = '11';
      year -= 1;
    } else half = '05';
  }
  return periods;
}

/** A small fast PRNG (mulberry32), seeded per result so that result i never depends on others. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` BRIN-like institution codes: 10AA, 11AB, … (two digits, two capitals). */
function institutionCodes(count) {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from(
    { length: count },
    (_, i) =>
      `${String(10 + (i % 90)).padStart(2, '0')}${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`,
  );
}

const iso = (ms) => new Date(ms).toISOString();
const between = (rng, from, to) => from + Math.floor(rng() * Math.max(1, to - from));

/**
 * The seed of one run: `results` result documents over `institutions` codes, exactly
 * `deletions` of them deleted within `period`, some deleted in earlier periods, with every
 * reason, extracts, fraud reports, late registrations, and irreversible flags for a share
 * (`flaggedShare`) of the deletions.
 */
class OverviewSeed {
  constructor({ results, deletions, institutions, period, flaggedShare = 0.3, seed = 7 }) {
    if (!(Number.isInteger(results) && results > 0)) throw new Error('results must be > 0');
    if (!(Number.isInteger(deletions) && deletions >= 0 && deletions <= results)) {
      throw new Error('deletions must be between 0 and results');
    }
    if (!(Number.isInteger(institutions) && institutions > 0)) {
      throw new Error('institutions must be > 0');
    }
    this.results = results;
    this.deletions = deletions;
    this.period = period;
    this.codes = institutionCodes(institutions);
    this.periods = periodsBack(period, REGISTRATION_SHARES.length);
    this.flaggedShare = flaggedShare;
    this.seed = seed;
    this.deletionsSoFar = 0;
    /** What the overview of `period` must show, added up as documents are made. */
    this.expected = {
      registered: 0,
      deleted: 0,
      deletedEarlier: 0,
      fraudReports: 0,
      lateRegistrations: 0,
      deletedWithExtract: 0,
      irreversibleDeliveries: 0,
      flags: 0,
      byReason: Object.fromEntries(DELETION_REASONS.map((r) => [r, 0])),
    };
  }

  /** Whether result i is one of the `deletions` deleted in the period (spread evenly). */
  deletedInPeriod(i) {
    const { results: n, deletions: d } = this;
    return Math.floor(((i + 1) * d) / n) > Math.floor((i * d) / n);
  }

  /**
   * Result i's document and its flags: `{ result, flags }`. Call for i = 0, 1, 2, … in
   * order (the reasons cycle with the deletions so far, and `expected` adds up).
   */
  next(i) {
    const rng = random(Math.imul(this.seed, 0x9e3779b1) ^ i);
    const { from, to } = this.periods[0];
    const institutionCode = this.codes[i % this.codes.length];
    const resultId = `${institutionCode}-R${i}`;

    // Registration: in the period or one of the three before it.
    let pick = rng();
    let at = 0;
    while (at < REGISTRATION_SHARES.length - 1 && pick >= REGISTRATION_SHARES[at]) {
      pick -= REGISTRATION_SHARES[at];
      at += 1;
    }
    const regPeriod = this.periods[at];
    const registered = between(rng, regPeriod.from, regPeriod.to - DAY_MS);
    const inPeriod = registered >= from && registered < to;
    const [crohoCode, level] = PROGRAMMES[Math.floor(rng() * PROGRAMMES.length)];
    const examType = EXAM_TYPES[Math.floor(rng() * EXAM_TYPES.length)];
    const late = rng() < 0.05;
    const corrected = rng() < 0.03;
    const extractRoll = rng();
    const extractsIssued = extractRoll < 0.02 ? 2 : extractRoll < 0.1 ? 1 : 0;

    // Deletion: exactly `deletions` in the period; about 2% of the older ones earlier.
    let deleted = null;
    if (this.deletedInPeriod(i)) {
      deleted = between(rng, Math.max(registered + 1, from), to);
    } else if (registered < from && rng() < 0.02) {
      deleted = between(rng, registered + 1, from);
    }
    let deletionReason = null;
    let deletedBy = null;
    if (deleted !== null) {
      deletionReason = DELETION_REASONS[this.deletionsSoFar % DELETION_REASONS.length];
      this.deletionsSoFar += 1;
      deletedBy =
        deletionReason === 'fraud' || deletionReason === 'other' ? 'helpdesk' : 'institution';
    }

    // Fraud reports: every result deleted for fraud had one, and about 0.3% of the others.
    const fraudReportedAt = [];
    if (deletionReason === 'fraud' || rng() < 0.003) {
      const until = deleted ?? Math.min(registered + 120 * DAY_MS, to);
      fraudReportedAt.push(iso(between(rng, registered + 1, until)));
    }
    const reinstated = fraudReportedAt.length > 0 && deleted === null && rng() < 0.5;
    const status =
      deleted !== null
        ? 'deleted'
        : fraudReportedAt.length && !reinstated
          ? 'suspended'
          : 'registered';

    const state = {
      institutionCode,
      crohoCode,
      level,
      examType,
      registeredAt: iso(registered),
      late,
      status,
      deletedAt: deleted === null ? null : iso(deleted),
      deletionReason,
      deletedBy,
      extractsIssued,
      fraudReportedAt,
    };
    const lastSequence =
      1 +
      (corrected ? 1 : 0) +
      extractsIssued +
      fraudReportedAt.length +
      (reinstated ? 1 : 0) +
      (deleted !== null ? 1 : 0);
    const result = {
      _id: resultId,
      lastSequence,
      held: [],
      state,
      version: lastSequence,
      outbox: [],
      outboxPending: false,
    };

    // Irreversible deliveries: a share of the deletions, one or both partners.
    const flags = [];
    if (deleted !== null && rng() < this.flaggedShare) {
      const partners = rng() < 0.25 ? PARTNERS : [PARTNERS[Math.floor(rng() * PARTNERS.length)]];
      for (const partnerId of partners) {
        flags.push({
          _id: `${resultId}/${partnerId}`,
          resultId,
          institutionCode,
          partnerId,
          deletedAt: state.deletedAt,
          reason: deletionReason,
          deletionEventId: `bench-deleted-${i}`,
          flaggedEventId: `bench-flagged-${i}-${partnerId}`,
        });
      }
    }

    const e = this.expected;
    if (inPeriod) {
      e.registered += 1;
      if (late) e.lateRegistrations += 1;
    }
    if (deleted !== null && deleted >= from) {
      e.deleted += 1;
      e.byReason[deletionReason] += 1;
      if (extractsIssued > 0) e.deletedWithExtract += 1;
      e.irreversibleDeliveries += flags.length;
    } else if (deleted !== null) e.deletedEarlier += 1;
    for (const reported of fraudReportedAt) {
      const t = Date.parse(reported);
      if (t >= from && t < to) e.fraudReports += 1;
    }
    e.flags += flags.length;
    return { result, flags };
  }
}

module.exports = {
  OverviewSeed,
  periodBounds,
  periodsBack,
  institutionCodes,
  random,
  DELETION_REASONS,
};
