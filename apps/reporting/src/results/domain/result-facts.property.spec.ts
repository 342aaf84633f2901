import fc from 'fast-check';
import type { EventEnvelope, ProgrammeV1 } from '@rod/contracts';
import { DeletionReasons, ExamTypes, ProgrammeLevels } from '@rod/contracts';
import type { ResultFacts } from './result-facts';
import { applyToFacts } from './result-facts';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 300 };
const BSN = '123456782';
const EDUCATION_NUMBER = '100000009';
const AT = '2026-07-04T09:12:00.000Z';

const programme: fc.Arbitrary<ProgrammeV1> = fc.record({
  crohoCode: fc.stringMatching(/^[0-9]{5}$/),
  level: fc.constantFrom(...ProgrammeLevels),
  examType: fc.constantFrom(...ExamTypes),
});
const snapshot = (p: ProgrammeV1, person: object) => ({
  resultSequence: '1',
  person,
  programme: p,
  examDate: '2026-07-03',
  studyMode: 'full-time',
});
const person = fc.constantFrom({ bsn: BSN }, { educationNumber: EDUCATION_NUMBER });

/** What can happen to a registered result, in the register's order of its history. */
type Change =
  | { type: 'ResultCorrected'; programme: ProgrammeV1 }
  | { type: 'ResultSuspended' }
  | { type: 'ResultReinstated' }
  | { type: 'ExtractIssued' }
  | { type: 'ResultDeleted'; reason: (typeof DeletionReasons)[number] };
const change: fc.Arbitrary<Change> = fc.oneof(
  programme.map((p) => ({ type: 'ResultCorrected' as const, programme: p })),
  fc.constant({ type: 'ResultSuspended' as const }),
  fc.constant({ type: 'ResultReinstated' as const }),
  fc.constant({ type: 'ExtractIssued' as const }),
  fc.constantFrom(...DeletionReasons).map((reason) => ({ type: 'ResultDeleted' as const, reason })),
);

function event(type: string, data: unknown, sequence: number): EventEnvelope {
  return {
    eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    occurredAt: AT,
    producer: 'register',
    correlationId: 'c',
    causationId: 'c',
    resultId: '21PA-1',
    institutionCode: '21PA',
    sequence,
    data,
  };
}

function history(p: ProgrammeV1, who: object, changes: Change[]): EventEnvelope[] {
  const events = [
    event('ResultRegistered', { ...snapshot(p, who), registeredAt: AT, late: false }, 1),
  ];
  for (const c of changes) {
    const n = events.length + 1;
    if (c.type === 'ResultCorrected') {
      events.push(event(c.type, { result: snapshot(c.programme, who), changed: ['programme'] }, n));
    } else if (c.type === 'ResultSuspended') {
      events.push(event(c.type, { explanation: `fraud by ${BSN}`, reportedAt: AT }, n));
    } else if (c.type === 'ResultReinstated') {
      events.push(event(c.type, { decidedAt: AT }, n));
    } else if (c.type === 'ExtractIssued') {
      events.push(event(c.type, { extractId: `x-${n}`, issuedAt: AT }, n));
    } else {
      events.push(
        event(
          c.type,
          {
            reason: c.reason,
            deletedAt: AT,
            deletedBy: c.reason === 'fraud' ? 'helpdesk' : 'institution',
            acknowledgedIrreversible: true,
            consequences: { extractsIssued: 0, partnersHolding: [] },
            registeredAt: AT,
            programme: p,
          },
          n,
        ),
      );
      break; // a deletion is final: nothing follows it
    }
  }
  return events;
}

const lives = fc.tuple(programme, person, fc.array(change, { maxLength: 12 }));
const facts = (events: EventEnvelope[]): ResultFacts | null =>
  events.reduce<ResultFacts | null>((f, e) => applyToFacts(f, e), null);

describe('applyToFacts (properties)', () => {
  it('never keeps a personal number, whatever happened to the result', () => {
    fc.assert(
      fc.property(lives, ([p, who, changes]) => {
        const text = JSON.stringify(facts(history(p, who, changes)));
        expect(text).not.toContain(BSN);
        expect(text).not.toContain(EDUCATION_NUMBER);
      }),
      RUNS,
    );
  });

  it('ends in the status of the last change, counting extracts and fraud reports', () => {
    fc.assert(
      fc.property(lives, ([p, who, changes]) => {
        const events = history(p, who, changes);
        const f = facts(events)!;
        const types = events.map((e) => e.type);
        const last = [...types]
          .reverse()
          .find((t) => ['ResultSuspended', 'ResultReinstated', 'ResultDeleted'].includes(t));
        const status =
          last === 'ResultDeleted'
            ? 'deleted'
            : last === 'ResultSuspended'
              ? 'suspended'
              : 'registered';
        expect(f.status).toBe(status);
        expect(f.extractsIssued).toBe(types.filter((t) => t === 'ExtractIssued').length);
        expect(f.fraudReportedAt).toHaveLength(types.filter((t) => t === 'ResultSuspended').length);
        expect(f.deletedAt !== null).toBe(status === 'deleted');
      }),
      RUNS,
    );
  });

  it('keeps the programme of the last registration or correction', () => {
    fc.assert(
      fc.property(lives, ([p, who, changes]) => {
        const events = history(p, who, changes);
        const f = facts(events)!;
        const corrections = changes
          .slice(0, events.length - 1)
          .filter(
            (c): c is Extract<Change, { type: 'ResultCorrected' }> => c.type === 'ResultCorrected',
          );
        const expected = corrections.length > 0 ? corrections[corrections.length - 1].programme : p;
        expect({ crohoCode: f.crohoCode, level: f.level, examType: f.examType }).toEqual(expected);
      }),
      RUNS,
    );
  });

  it('ignores every change of a result it never saw registered', () => {
    fc.assert(
      fc.property(lives, ([p, who, changes]) => {
        expect(facts(history(p, who, changes).slice(1))).toBeNull();
      }),
      RUNS,
    );
  });
});
