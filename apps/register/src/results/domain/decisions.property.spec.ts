import fc from 'fast-check';
import type {
  CorrectResultV1,
  DeleteResultV1,
  FraudDecisionV1,
  ReportFraudV1,
  ResultDeletedDataV1,
} from '@rod/contracts';
import { InstitutionDeletionReasons, StudyModes, validateEvent } from '@rod/contracts';
import type { ChangeDecision } from './change-decision';
import type { CommandMeta } from './command-meta';
import { replyKeyOf } from './command-meta';
import { decideCorrection } from './correct-result.decision';
import { decideDeletion } from './delete-result.decision';
import { consequencesOf, isIrreversible } from './deletion-impact';
import { decideOnFraudReport } from './helpdesk-decision.decision';
import { accepted } from './replies';
import { decideFraudReport } from './report-fraud.decision';
import type { ResultRecord, ResultStatus } from './result-state';
import { NOW, aMeta, aRecord } from './testing/records';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 300 };

const partnerId = fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/);
const instant = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 7, 1) })
  .map((ms) => new Date(ms).toISOString());
const status = fc.constantFrom<ResultStatus>('registered', 'suspended', 'deleted');
const commandId = fc.stringMatching(/^[a-z0-9-]{1,12}$/);

/** A stored result of 21PA in any state, with partners, extracts and decided commands. */
const record: fc.Arbitrary<ResultRecord> = fc
  .record({
    status,
    sequence: fc.integer({ min: 1, max: 20 }),
    extractsIssued: fc.nat({ max: 3 }),
    holdings: fc.uniqueArray(
      fc.record(
        { partnerId, canRetract: fc.boolean(), deliveredAt: instant, retractedAt: instant },
        { requiredKeys: ['partnerId', 'canRetract', 'deliveredAt'] },
      ),
      { selector: (h) => h.partnerId, maxLength: 4 },
    ),
    decided: fc.uniqueArray(commandId, { maxLength: 3 }),
  })
  .map(({ decided, ...state }) =>
    aRecord({
      ...state,
      commands: decided.map((id) => ({
        key: replyKeyOf({ actingInstitution: '21PA', commandId: id }),
        reply: accepted(id, 'Earlier', '21PA-2026000123'),
      })),
    }),
  );
const meta = (overrides: Partial<CommandMeta> = {}) =>
  commandId.map((id) => aMeta({ commandId: id, correlationId: `corr-${id}`, ...overrides }));

const ids = { institutionCode: '21PA', resultSequence: '2026000123' };
const correction: fc.Arbitrary<CorrectResultV1> = fc.record(
  {
    institutionCode: fc.constant(ids.institutionCode),
    resultSequence: fc.constant(ids.resultSequence),
    studyMode: fc.constantFrom(...StudyModes),
    examDate: fc.constantFrom('2026-07-03', '2026-06-30'),
  },
  { requiredKeys: ['institutionCode', 'resultSequence'] },
);
const deletionCommand: fc.Arbitrary<DeleteResultV1> = fc.record(
  {
    institutionCode: fc.constant('21PA'),
    resultSequence: fc.constant('2026000123'),
    reason: fc.constantFrom(...InstitutionDeletionReasons.filter((r) => r !== 'other')),
    acknowledgeIrreversible: fc.boolean(),
  },
  { requiredKeys: ['institutionCode', 'resultSequence', 'reason'] },
);
const fraudReport: ReportFraudV1 = { ...ids, explanation: 'plagiarism' };
const fraudDecision: fc.Arbitrary<FraudDecisionV1> = fc.record({
  decision: fc.constantFrom('confirm', 'dismiss'),
  explanation: fc.constant('checked'),
});

type Decide = (r: ResultRecord | null, m: CommandMeta) => fc.Arbitrary<ChangeDecision>;
/** Every decision on an existing result, each with the commands it may be given. */
const decisions: [string, Decide][] = [
  ['a correction', (r, m) => correction.map((c) => decideCorrection(c, m, r, NOW))],
  ['a deletion', (r, m) => deletionCommand.map((c) => decideDeletion(c, m, r, NOW))],
  ['a fraud report', (r, m) => fc.constant(decideFraudReport(fraudReport, m, r, NOW))],
  [
    'a helpdesk decision',
    (r, m) =>
      fraudDecision.map((c) =>
        decideOnFraudReport('21PA-2026000123', c, { ...m, actingInstitution: 'helpdesk' }, r, NOW),
      ),
  ],
];

describe.each(decisions)('%s (properties)', (_name, decide) => {
  const decided = (r: fc.Arbitrary<ResultRecord | null>, m = meta()) =>
    fc.tuple(r, m).chain(([rec, met]) => decide(rec, met).map((d) => ({ rec, met, d })));

  it('on a deleted result yields no event: a repeat, or rejected as already deleted', () => {
    const deleted = record.map((r) => ({ ...r, status: 'deleted' as const }));
    fc.assert(
      fc.property(decided(deleted), ({ d }) => {
        expect(d.kind === 'changed' && d.event).toBeFalsy();
        if (d.kind === 'rejected') expect(d.reply.errors[0].code).toBe('already-deleted');
      }),
      RUNS,
    );
  });

  it('replayed with the same command id gives the stored reply and no event, in any state', () => {
    const replayed = record.chain((r) =>
      r.commands.length === 0
        ? fc.constant(null)
        : fc.constantFrom(...r.commands).map((c) => ({ r, id: c.key.split('/')[1] })),
    );
    fc.assert(
      fc.property(
        replayed.filter((x) => x !== null),
        fc.nat(),
        (pick, seed) => {
          const { r, id } = pick;
          // The helpdesk's ids are its own: replay what 21PA stored as 21PA.
          const m = aMeta({ commandId: id });
          const d = fc.sample(decide(r, m), { seed, numRuns: 1 })[0];
          if (d.kind === 'repeat') {
            expect(d.reply).toEqual(r.commands.find((c) => c.key === `21PA/${id}`)!.reply);
          } else {
            // Only the helpdesk acts as someone else, so its key is another's.
            expect(_name).toBe('a helpdesk decision');
          }
        },
      ),
      RUNS,
    );
  });

  it('on no result is rejected as unknown', () => {
    fc.assert(
      fc.property(decided(fc.constant(null)), ({ d }) => {
        expect(d.kind).toBe('rejected');
        if (d.kind === 'rejected') expect(d.reply.errors[0].code).toBe('unknown-result');
      }),
      RUNS,
    );
  });

  it('emits only valid events, each the next in the result history, with the command ids', () => {
    fc.assert(
      fc.property(decided(record), ({ rec, met, d }) => {
        if (d.kind !== 'changed' || !d.event) return;
        expect(validateEvent(JSON.parse(JSON.stringify(d.event)))).toMatchObject({ ok: true });
        expect(d.event.sequence).toBe(rec!.sequence + 1);
        expect(d.event.resultId).toBe(rec!._id);
        expect(d.event.causationId).toBe(met.commandId);
        expect(d.event.correlationId).toBe(met.correlationId);
      }),
      RUNS,
    );
  });
});

describe('institution decisions of another institution (properties)', () => {
  it.each(decisions.slice(0, 3))('%s is not allowed, whatever the result', (_name, decide) => {
    fc.assert(
      fc.property(
        fc.option(record, { nil: null }),
        meta({ actingInstitution: '99ZZ' }),
        fc.nat(),
        (r, m, seed) => {
          const d = fc.sample(decide(r, m), { seed, numRuns: 1 })[0];
          expect(d.kind).toBe('rejected');
          if (d.kind === 'rejected') expect(d.reply.errors[0].code).toBe('not-allowed');
        },
      ),
      RUNS,
    );
  });
});

describe('decideDeletion (properties)', () => {
  const fresh = record.filter((r) => r.commands.length === 0 && r.status !== 'deleted');

  it('deletes iff the result is not suspended and its consequences are reversible or acknowledged', () => {
    fc.assert(
      fc.property(fresh, deletionCommand, meta(), (r, command, m) => {
        const d = decideDeletion(command, m, r, NOW);
        const deletes =
          r.status === 'registered' &&
          (!isIrreversible(consequencesOf(r)) || command.acknowledgeIrreversible === true);
        expect(d.kind === 'changed' && d.event?.type === 'ResultDeleted').toBe(deletes);
        if (!deletes && r.status === 'registered') {
          expect(d).toMatchObject({
            kind: 'rejected',
            reply: { errors: [{ code: 'irreversible-consequences', details: consequencesOf(r) }] },
          });
        }
      }),
      RUNS,
    );
  });

  it('states in ResultDeleted exactly the consequences the impact endpoint shows', () => {
    fc.assert(
      fc.property(fresh, deletionCommand, meta(), (r, command, m) => {
        const d = decideDeletion({ ...command, acknowledgeIrreversible: true }, m, r, NOW);
        if (d.kind !== 'changed') return;
        const data = d.event!.data as ResultDeletedDataV1;
        expect(data.consequences).toEqual(consequencesOf(r));
        expect(data.acknowledgedIrreversible).toBe(true);
        expect(data.reason).toBe(command.reason);
        expect(d.status).toBe('deleted');
      }),
      RUNS,
    );
  });
});

describe('decideCorrection (properties)', () => {
  const open = record.filter((r) => r.commands.length === 0 && r.status === 'registered');

  it('names exactly the fields whose values change, and a repeat of the same values changes nothing', () => {
    fc.assert(
      fc.property(open, correction, meta(), meta(), (r, command, m1, m2) => {
        const first = decideCorrection(command, m1, r, NOW);
        if (first.kind !== 'changed') throw new Error('a correction of a registered result');
        const expected = (['examDate', 'studyMode'] as const).filter(
          (f) => command[f] !== undefined && command[f] !== r.fields[f],
        );
        const changed = first.event ? (first.event.data as { changed: string[] }).changed : [];
        expect(changed).toEqual(expected);
        const again = decideCorrection(command, m2, { ...r, fields: first.fields }, NOW);
        expect(again.kind === 'changed' && again.event).toBeFalsy();
      }),
      RUNS,
    );
  });
});
