import fc from 'fast-check';
import type { EventEnvelope, ProgrammeV1 } from '@rod/contracts';
import { ExamTypes, ProgrammeLevels } from '@rod/contracts';
import { DEFAULT_PARTNERS, HEALTHCARE_CROHO_CODES } from '../../partners/domain/default-partners';
import type { Partner } from '../../partners/domain/partner';
import { partnerReceives } from '../../partners/domain/partner';
import type { AttemptOutcome, RetryPolicy } from './apply-attempt';
import { applyAttempt } from './apply-attempt';
import { applyResultEvent } from './apply-result-event';
import type { LedgerEffect, ResultLedger } from './ledger-state';
import { isOpen } from './ledger-state';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 300 };
const NOW = new Date('2026-07-04T10:00:00.000Z');
const policy: RetryPolicy = { maxAttempts: 3, delayMs: (attempt) => 1000 * attempt };

const programme: fc.Arbitrary<ProgrammeV1> = fc.record({
  crohoCode: fc.oneof(fc.constantFrom(...HEALTHCARE_CROHO_CODES), fc.stringMatching(/^[0-9]{5}$/)),
  level: fc.constantFrom(...ProgrammeLevels),
  examType: fc.constantFrom(...ExamTypes),
});
const partner: fc.Arbitrary<Partner> = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/),
  name: fc.constant('A partner'),
  filter: fc.record(
    {
      levels: fc.subarray([...ProgrammeLevels]),
      examTypes: fc.subarray([...ExamTypes]),
      crohoCodes: fc.subarray(HEALTHCARE_CROHO_CODES),
    },
    { requiredKeys: [] },
  ),
  canRetract: fc.boolean(),
  transport: fc.constant({ kind: 'queue' as const }),
});
const partners = fc.uniqueArray(partner, { selector: (p) => p.id, maxLength: 5 });

let counter = 0;
function event(type: string, data: unknown, sequence: number): EventEnvelope {
  counter++;
  return {
    eventId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    occurredAt: NOW.toISOString(),
    producer: 'register',
    correlationId: 'corr',
    causationId: 'cmd',
    resultId: '21PA-1',
    institutionCode: '21PA',
    sequence,
    data,
  };
}
const snapshot = (p: ProgrammeV1) => ({
  resultSequence: '1',
  person: { bsn: '123456782' },
  programme: p,
  examDate: '2026-07-03',
  studyMode: 'full-time',
});
const registered = (p: ProgrammeV1) =>
  event('ResultRegistered', { ...snapshot(p), registeredAt: NOW.toISOString(), late: false }, 1);
const corrected = (p: ProgrammeV1, sequence: number) =>
  event('ResultCorrected', { result: snapshot(p), changed: ['programme'] }, sequence);
const deleted = (p: ProgrammeV1, sequence: number) =>
  event(
    'ResultDeleted',
    {
      reason: 'duplicate',
      deletedAt: NOW.toISOString(),
      deletedBy: 'institution',
      acknowledgedIrreversible: true,
      consequences: { extractsIssued: 0, partnersHolding: [] },
      registeredAt: NOW.toISOString(),
      programme: p,
    },
    sequence,
  );

describe('delivery planning of a registration (properties)', () => {
  it('a healthcare programme always goes to the BIG-register partner, any other never', () => {
    fc.assert(
      fc.property(programme, (p) => {
        const { ledger } = applyResultEvent(null, registered(p), DEFAULT_PARTNERS, NOW);
        const receivers = ledger.entries.map((e) => e.partnerId);
        expect(receivers.includes('cibg-big')).toBe(HEALTHCARE_CROHO_CODES.includes(p.crohoCode));
        expect(receivers).toContain('mijnoverheid');
      }),
      RUNS,
    );
  });

  it('plans one delivery for exactly each partner whose filter matches, never one twice', () => {
    fc.assert(
      fc.property(partners, programme, (configured, p) => {
        const { ledger } = applyResultEvent(null, registered(p), configured, NOW);
        const receivers = ledger.entries.map((e) => e.partnerId);
        expect(receivers).toEqual(
          configured.filter((partner) => partnerReceives(partner, p)).map((x) => x.id),
        );
        expect(new Set(ledger.entries.map((e) => e.deliveryId)).size).toBe(receivers.length);
      }),
      RUNS,
    );
  });

  it('is deterministic: the same event and partners give the same ledger and effects', () => {
    fc.assert(
      fc.property(partners, programme, (configured, p) => {
        const e = registered(p);
        expect(applyResultEvent(null, e, configured, NOW)).toEqual(
          applyResultEvent(null, e, configured, NOW),
        );
      }),
      RUNS,
    );
  });
});

/** A step of a result's life in propagation: its next event, or an attempt's outcome. */
type Step =
  | { kind: 'correct'; programme: ProgrammeV1 }
  | { kind: 'delete' }
  | { kind: 'attempt'; partnerAt: number; outcome: AttemptOutcome };
const outcome: fc.Arbitrary<AttemptOutcome> = fc.oneof(
  fc.constant({ kind: 'delivered' as const }),
  fc.constant({ kind: 'retry' as const, reason: 'HTTP 503' }),
  fc.constant({ kind: 'park' as const, reason: 'HTTP 400' }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 1, arbitrary: programme.map((p) => ({ kind: 'correct' as const, programme: p })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.nat(), outcome)
      .map(([partnerAt, o]) => ({ kind: 'attempt' as const, partnerAt, outcome: o })),
  },
);

interface Life {
  ledgers: ResultLedger[];
  effects: LedgerEffect[][];
  /** Attempts on entries already skipped at the deletion ("was under way") included. */
  deletedAfter: number;
}

function live(configured: Partner[], p: ProgrammeV1, steps: Step[]): Life {
  let sequence = 1;
  let change = applyResultEvent(null, registered(p), configured, NOW);
  const life: Life = { ledgers: [change.ledger], effects: [change.effects], deletedAfter: -1 };
  let inFlight = change.effects.filter((e) => e.kind === 'send').map((e) => e.entry.deliveryId);
  for (const s of steps) {
    const ledger = change.ledger;
    if (s.kind === 'correct' && !ledger.deletion) {
      change = applyResultEvent(ledger, corrected(s.programme, ++sequence), configured, NOW);
    } else if (s.kind === 'delete' && !ledger.deletion) {
      change = applyResultEvent(ledger, deleted(ledger.programme, ++sequence), configured, NOW);
      life.deletedAfter = life.ledgers.length;
    } else if (s.kind === 'attempt' && inFlight.length > 0) {
      const deliveryId = inFlight[s.partnerAt % inFlight.length];
      const entry = ledger.entries.find((e) => e.deliveryId === deliveryId)!;
      const target = configured.find((x) => x.id === entry.partnerId)!;
      change = applyAttempt(ledger, deliveryId, s.outcome, target, policy, NOW);
      if (s.outcome.kind !== 'retry' || change.effects.some((e) => e.kind === 'park')) {
        inFlight = inFlight.filter((id) => id !== deliveryId);
      }
    } else {
      continue;
    }
    inFlight.push(
      ...change.effects.filter((e) => e.kind === 'send').map((e) => e.entry.deliveryId),
    );
    life.ledgers.push(change.ledger);
    life.effects.push(change.effects);
  }
  return life;
}

/** Partners of a life: one that receives everything, so that something always happens. */
const lifePartners = fc.tuple(fc.boolean(), partners).map(([canRetract, others]) => [
  {
    id: 'everything',
    name: 'All',
    filter: {},
    canRetract,
    transport: { kind: 'queue' as const },
  },
  ...others.filter((x) => x.id !== 'everything'),
]);
const lives = fc.tuple(lifePartners, programme, fc.array(step, { maxLength: 40 }));

describe('a result life in the ledger (properties)', () => {
  it('hands each partner at most one delivery of the result at a time, oldest first', () => {
    fc.assert(
      fc.property(lives, ([configured, p, steps]) => {
        for (const ledger of live(configured, p, steps).ledgers) {
          for (const x of configured) {
            const open = ledger.entries.filter((e) => e.partnerId === x.id && isOpen(e));
            const released = open.filter((e) => e.released);
            expect(released.length).toBeLessThanOrEqual(1);
            if (released.length === 1 && released[0].status === 'pending') {
              expect(released[0]).toBe(open[0]);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('never plans a delivery of the same event to a partner twice', () => {
    fc.assert(
      fc.property(lives, ([configured, p, steps]) => {
        const { ledgers } = live(configured, p, steps);
        const last = ledgers[ledgers.length - 1];
        const pairs = last.entries.map((e) => `${e.partnerId}/${e.eventId}`);
        expect(new Set(pairs).size).toBe(pairs.length);
      }),
      RUNS,
    );
  });

  it('sends no registration or correction after the deletion, and leaves none open', () => {
    fc.assert(
      fc.property(lives, ([configured, p, steps]) => {
        const life = live(configured, p, steps);
        if (life.deletedAfter < 0) return;
        for (const effects of life.effects.slice(life.deletedAfter)) {
          for (const e of effects) if (e.kind === 'send') expect(e.entry.kind).toBe('retraction');
        }
        const last = life.ledgers[life.ledgers.length - 1];
        for (const e of last.entries) {
          if (e.kind !== 'retraction') expect(isOpen(e)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('after a deletion, flags each non-retracting holder exactly once and retracts from the others', () => {
    fc.assert(
      fc.property(lives, ([configured, p, steps]) => {
        const life = live(configured, p, steps);
        if (life.deletedAfter < 0) return;
        const last = life.ledgers[life.ledgers.length - 1];
        const flags = life.effects
          .flat()
          .filter((e) => e.kind === 'event' && e.type === 'IrreversibleDeliveryFlagged')
          .map((e) => (e as { data: { partnerId: string } }).data.partnerId);
        const holders = configured.filter((x) =>
          last.entries.some(
            (e) =>
              e.partnerId === x.id &&
              e.kind !== 'retraction' &&
              (e.status === 'delivered' || e.status === 'retracted'),
          ),
        );
        expect([...flags].sort()).toEqual(
          holders
            .filter((x) => !x.canRetract)
            .map((x) => x.id)
            .sort(),
        );
        for (const x of holders.filter((h) => h.canRetract)) {
          expect(
            last.entries.filter((e) => e.partnerId === x.id && e.kind === 'retraction'),
          ).toHaveLength(1);
        }
        for (const x of configured.filter((c) => !c.canRetract)) {
          expect(last.entries.some((e) => e.partnerId === x.id && e.kind === 'retraction')).toBe(
            false,
          );
        }
      }),
      RUNS,
    );
  });

  it('retries a passing failure until the policy maximum, then parks it with DeliveryFailed', () => {
    fc.assert(
      fc.property(lives, ([configured, p, steps]) => {
        const life = live(configured, p, steps);
        for (const ledger of life.ledgers) {
          for (const e of ledger.entries) {
            expect(e.attempts).toBeLessThanOrEqual(policy.maxAttempts);
            if (e.status === 'pending') expect(e.attempts).toBeLessThan(policy.maxAttempts);
          }
        }
        for (const effects of life.effects) {
          const parks = effects.filter((e) => e.kind === 'park').length;
          const failed = effects.filter((e) => e.kind === 'event' && e.type === 'DeliveryFailed');
          expect(failed).toHaveLength(parks);
        }
      }),
      RUNS,
    );
  });
});
