'use strict';
// The realistic command mix of issue 7, made up deterministically: institution back-ends
// of `institutions` BRIN-like codes register results (some on healthcare programmes, so
// that CIBG's BIG-register gets deliveries too), correct some, delete 2 % and report a few
// for fraud. Each command says which partner deliveries it must cause (CONTRACT.md,
// apps/propagation/config/partners.json) and when it may be sent: a correction or fraud
// report once its result's registration is accepted, a deletion once the registration has
// reached every partner (deletions come long after delivery in real life, and a deletion
// before delivery would make the deliveries to expect depend on timing).
const { random, institutionCodes } = require('./overview-seed');
const { randomBsn } = require('./results');

/** The partners of apps/propagation/config/partners.json: who receives what, who retracts. */
const PARTNERS = [
  {
    id: 'cibg-big',
    crohoCodes: [
      '56551',
      '66550',
      '56560',
      '66560',
      '56157',
      '66157',
      '34560',
      '34566',
      '34555',
      '66604',
    ],
    canRetract: false,
  },
  { id: 'mijnoverheid', crohoCodes: null, canRetract: true },
];

/** Programmes drawn for registrations: [crohoCode, level, examTypes]. */
const HEALTHCARE_PROGRAMMES = [
  ['34560', 'HBO', ['propedeuse', 'bachelor']],
  ['34566', 'HBO', ['propedeuse', 'bachelor']],
  ['56551', 'WO', ['propedeuse', 'bachelor']],
  ['66550', 'WO', ['master']],
  ['66157', 'WO', ['master']],
];
const OTHER_PROGRAMMES = [
  ['34479', 'HBO', ['propedeuse', 'associate-degree', 'bachelor']],
  ['39280', 'HBO', ['propedeuse', 'bachelor', 'master']],
  ['30020', 'HBO', ['associate-degree', 'bachelor']],
  ['50645', 'WO', ['propedeuse', 'bachelor']],
  ['60452', 'WO', ['master']],
  ['56827', 'WO', ['bachelor', 'master']],
];
const STUDY_MODES = ['full-time', 'part-time', 'dual'];
const INSTITUTION_DELETION_REASONS = [
  'administrative-error',
  'registered-too-early',
  'student-request-extra-courses',
  'student-request-grade-improvement',
  'duplicate',
  'other',
];
const DAY_MS = 86_400_000;

/** The default shares of each kind of command (of all commands). */
const DEFAULT_SHARES = { correct: 0.08, delete: 0.02, fraud: 0.005, healthcare: 0.15 };

/** Which partners receive a result of programme `crohoCode`. */
function partnersFor(crohoCode) {
  return PARTNERS.filter((p) => p.crohoCodes === null || p.crohoCodes.includes(crohoCode)).map(
    (p) => p.id,
  );
}

/**
 * A valid education number ("onderwijsnummer"): 10 followed by seven digits, whose weighted
 * sum 9·d1 + … + 2·d8 − d9 leaves 5 when divided by 11.
 */
function randomEducationNumber(rng = Math.random) {
  for (;;) {
    const digits = [1, 0, ...Array.from({ length: 6 }, () => Math.floor(rng() * 10))];
    const sum = digits.reduce((acc, d, i) => acc + (9 - i) * d, 0);
    const check = (((sum - 5) % 11) + 11) % 11; // sum − check ≡ 5 (mod 11)
    if (check <= 9) return `${digits.join('')}${check}`;
  }
}

function isValidEducationNumber(value) {
  if (!/^10[0-9]{7}$/.test(value)) return false;
  const d = [...value].map(Number);
  const sum = d.slice(0, 8).reduce((acc, x, i) => acc + (9 - i) * x, 0) - d[8];
  return ((sum % 11) + 11) % 11 === 5;
}

/** YYYY-MM-DD of `ms`, in Amsterdam's calendar (an exam date must not be in the future there). */
function amsterdamDate(ms) {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}

const pick = (rng, list) => list[Math.floor(rng() * list.length)];

/**
 * The mix: `count` commands in all (registrations and follow-ups). Returns `{ commands,
 * results }`: `commands[i]` = `{ i, type, kind, result, routingKey, body, messageId,
 * after: null | { command, when: 'accepted' | 'delivered' }, deliveries: [{ partnerId,
 * kind }] }` where `result` indexes `results` = `[{ resultId, institutionCode, partners }]`.
 * Registrations come first in `commands`; a follow-up comes after its registration.
 */
function makeMix({
  count,
  institutions = 150,
  run,
  seed = 7,
  now = Date.now(),
  shares = DEFAULT_SHARES,
}) {
  if (!(Number.isInteger(count) && count > 0)) throw new Error('count must be > 0');
  if (!/^[A-Za-z0-9]{1,10}$/.test(run)) throw new Error('run must be 1-10 letters or digits');
  const rng = random(seed);
  const codes = institutionCodes(institutions);
  const deletions = Math.round(count * shares.delete);
  const frauds = Math.round(count * shares.fraud);
  const corrections = Math.round(count * shares.correct);
  const registrations = count - deletions - frauds - corrections;
  if (registrations < deletions + frauds + corrections) {
    throw new Error('too few registrations for the follow-ups of the mix');
  }

  const results = [];
  const commands = [];
  for (let r = 0; r < registrations; r++) {
    const institutionCode = codes[r % codes.length];
    const resultSequence = `M${run}${r}`;
    const healthcare = rng() < shares.healthcare;
    const [crohoCode, level, examTypes] = pick(
      rng,
      healthcare ? HEALTHCARE_PROGRAMMES : OTHER_PROGRAMMES,
    );
    const late = rng() < 0.05;
    const daysAgo = late ? 60 + Math.floor(rng() * 300) : 1 + Math.floor(rng() * 50);
    const person =
      rng() < 0.05 ? { educationNumber: randomEducationNumber(rng) } : { bsn: randomBsn(rng) };
    const body = {
      institutionCode,
      resultSequence,
      person,
      programme: { crohoCode, level, examType: pick(rng, examTypes) },
      examDate: amsterdamDate(now - daysAgo * DAY_MS),
      studyMode: pick(rng, STUDY_MODES),
    };
    const partners = partnersFor(crohoCode);
    results.push({ resultId: `${institutionCode}-${resultSequence}`, institutionCode, partners });
    commands.push({
      type: 'RegisterResult',
      kind: 'register',
      result: r,
      routingKey: `institution.${institutionCode}.register-result`,
      body,
      after: null,
      deliveries: partners.map((partnerId) => ({ partnerId, kind: 'registration' })),
    });
  }

  // Follow-ups, each on a result of its own, spread over the registrations; deletions on the
  // earlier two thirds (they wait for delivery, and would otherwise lengthen the tail).
  const taken = new Set();
  const target = (limit) => {
    for (;;) {
      const r = Math.floor(rng() * limit);
      if (!taken.has(r)) {
        taken.add(r);
        return r;
      }
    }
  };
  const followUps = [];
  for (let k = 0; k < deletions; k++) {
    const r = target(Math.max(deletions, Math.floor((registrations * 2) / 3)));
    const reason = INSTITUTION_DELETION_REASONS[k % INSTITUTION_DELETION_REASONS.length];
    followUps.push({
      type: 'DeleteResult',
      kind: 'delete',
      result: r,
      verb: 'delete-result',
      when: 'delivered',
      extra: {
        reason,
        ...(reason === 'other' ? { explanation: 'Benchmark: registered by mistake.' } : {}),
        acknowledgeIrreversible: true,
      },
      // A partner that can retract gets a retraction; one that cannot is flagged, no delivery.
      deliveries: PARTNERS.filter((p) => p.canRetract && results[r].partners.includes(p.id)).map(
        (p) => ({ partnerId: p.id, kind: 'retraction' }),
      ),
    });
  }
  for (let k = 0; k < frauds; k++) {
    const r = target(registrations);
    followUps.push({
      type: 'ReportFraud',
      kind: 'fraud',
      result: r,
      verb: 'report-fraud',
      when: 'accepted',
      extra: { explanation: 'Benchmark: the diploma looks forged.' },
      deliveries: [],
    });
  }
  for (let k = 0; k < corrections; k++) {
    const r = target(registrations);
    const current = commands[r].body.studyMode;
    followUps.push({
      type: 'CorrectResult',
      kind: 'correct',
      result: r,
      verb: 'correct-result',
      when: 'accepted',
      extra: { studyMode: STUDY_MODES[(STUDY_MODES.indexOf(current) + 1) % STUDY_MODES.length] },
      deliveries: results[r].partners.map((partnerId) => ({ partnerId, kind: 'correction' })),
    });
  }
  followUps.sort((a, b) => a.result - b.result);
  for (const f of followUps) {
    const { institutionCode } = results[f.result];
    commands.push({
      type: f.type,
      kind: f.kind,
      result: f.result,
      routingKey: `institution.${institutionCode}.${f.verb}`,
      body: {
        institutionCode,
        resultSequence: commands[f.result].body.resultSequence,
        ...f.extra,
      },
      after: { command: f.result, when: f.when },
      deliveries: f.deliveries,
    });
  }
  commands.forEach((c, i) => {
    c.i = i;
    c.messageId = `bench-${run}-${i}`;
  });
  return { commands, results, registrations, codes };
}

/** How many commands of each kind, and of those the results on healthcare programmes. */
function mixCounts(mix) {
  const counts = { register: 0, correct: 0, delete: 0, fraud: 0 };
  for (const c of mix.commands) counts[c.kind]++;
  counts.healthcare = mix.results.filter((r) => r.partners.includes('cibg-big')).length;
  counts.institutions = new Set(mix.results.map((r) => r.institutionCode)).size;
  counts.expectedDeliveries = mix.commands.reduce((acc, c) => acc + c.deliveries.length, 0);
  return counts;
}

module.exports = {
  makeMix,
  mixCounts,
  partnersFor,
  randomEducationNumber,
  isValidEducationNumber,
  amsterdamDate,
  PARTNERS,
  DEFAULT_SHARES,
};
