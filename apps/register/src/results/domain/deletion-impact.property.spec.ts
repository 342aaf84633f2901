import fc from 'fast-check';
import type { DeliveryRetractedDataV1, DeliverySucceededDataV1 } from '@rod/contracts';
import { consequencesOf, isIrreversible } from './deletion-impact';
import { afterDeliveryRetracted, afterDeliverySucceeded } from './holdings';
import type { PartnerHolding } from './result-state';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 300 };

const partnerId = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms).toISOString());
const holding: fc.Arbitrary<PartnerHolding> = fc.record(
  { partnerId, canRetract: fc.boolean(), deliveredAt: instant, retractedAt: instant },
  { requiredKeys: ['partnerId', 'canRetract', 'deliveredAt'] },
);
/** Holdings as the register keeps them: one per partner. */
const holdings = fc.uniqueArray(holding, { selector: (h) => h.partnerId, maxLength: 6 });
const extractsIssued = fc.nat({ max: 5 });

describe('consequencesOf and isIrreversible (properties)', () => {
  it('lists exactly the partners still holding the result, once each, sorted', () => {
    fc.assert(
      fc.property(holdings, extractsIssued, (held, extracts) => {
        const { partnersHolding } = consequencesOf({ holdings: held, extractsIssued: extracts });
        const stillHolding = held.filter((h) => h.retractedAt === undefined);
        expect(partnersHolding.map((p) => p.partnerId)).toEqual(
          stillHolding.map((h) => h.partnerId).sort((a, b) => a.localeCompare(b)),
        );
        for (const p of partnersHolding) {
          expect(p.canRetract).toBe(held.find((h) => h.partnerId === p.partnerId)!.canRetract);
        }
      }),
      RUNS,
    );
  });

  it('states the extracts issued as they are', () => {
    fc.assert(
      fc.property(holdings, extractsIssued, (held, extracts) => {
        expect(consequencesOf({ holdings: held, extractsIssued: extracts }).extractsIssued).toBe(
          extracts,
        );
      }),
      RUNS,
    );
  });

  it('is irreversible iff an extract was issued or a holding partner cannot retract', () => {
    fc.assert(
      fc.property(holdings, extractsIssued, (held, extracts) => {
        const irreversible = isIrreversible(
          consequencesOf({ holdings: held, extractsIssued: extracts }),
        );
        const expected =
          extracts > 0 || held.some((h) => h.retractedAt === undefined && !h.canRetract);
        expect(irreversible).toBe(expected);
      }),
      RUNS,
    );
  });
});

type DeliveryFact =
  | { kind: 'succeeded'; data: DeliverySucceededDataV1 }
  | { kind: 'retracted'; data: DeliveryRetractedDataV1 };

const at = (fromYear: number, toYear: number) =>
  fc
    .integer({ min: Date.UTC(fromYear, 0, 1), max: Date.UTC(toYear, 0, 1) - 1 })
    .map((ms) => new Date(ms).toISOString());
/** A retraction follows the deliveries it retracts: their instants do not interleave. */
const deliveredAt = at(2020, 2025);
const retractedAt = at(2025, 2030);

/** Propagation's events for a few partners, each partner with its own canRetract. */
const deliveryFacts: fc.Arbitrary<DeliveryFact[]> = fc
  .uniqueArray(fc.record({ partnerId, canRetract: fc.boolean() }), {
    selector: (p) => p.partnerId,
    minLength: 1,
    maxLength: 4,
  })
  .chain((partners) =>
    fc.array(
      fc
        .tuple(
          fc.constantFrom(...partners),
          fc.constantFrom('succeeded', 'retracted'),
          deliveredAt,
          retractedAt,
        )
        .map(([partner, kind, delivered, retracted]): DeliveryFact =>
          // Only a partner that can retract ever confirms a retraction.
          kind === 'succeeded' || !partner.canRetract
            ? {
                kind: 'succeeded',
                data: {
                  partnerId: partner.partnerId,
                  canRetract: partner.canRetract,
                  kind: 'registration',
                  deliveredEventId: 'e-1',
                  deliveredAt: delivered,
                  attempts: 1,
                },
              }
            : { kind, data: { partnerId: partner.partnerId, retractedAt: retracted } },
        ),
      { maxLength: 8 },
    ),
  );

const apply = (facts: DeliveryFact[]): PartnerHolding[] =>
  facts.reduce(
    (held, fact) =>
      fact.kind === 'succeeded'
        ? afterDeliverySucceeded(held, fact.data)
        : afterDeliveryRetracted(held, fact.data),
    [] as PartnerHolding[],
  );

describe('holdings from propagation events (properties)', () => {
  it('do not depend on the order the events arrive in', () => {
    fc.assert(
      fc.property(
        deliveryFacts.chain((facts) =>
          fc.tuple(fc.constant(facts), fc.shuffledSubarray(facts, { minLength: facts.length })),
        ),
        ([facts, shuffled]) => {
          expect(apply(shuffled)).toEqual(apply(facts));
        },
      ),
      RUNS,
    );
  });

  it('are the same when every event arrives twice', () => {
    fc.assert(
      fc.property(deliveryFacts, (facts) => {
        expect(apply(facts.flatMap((f) => [f, f]))).toEqual(apply(facts));
      }),
      RUNS,
    );
  });

  it('hold each partner at most once, and a partner that retracted no longer holds it', () => {
    fc.assert(
      fc.property(deliveryFacts, (facts) => {
        const held = apply(facts);
        expect(new Set(held.map((h) => h.partnerId)).size).toBe(held.length);
        const retracted = new Set(
          facts.filter((f) => f.kind === 'retracted').map((f) => f.data.partnerId),
        );
        const holding = consequencesOf({ holdings: held, extractsIssued: 0 }).partnersHolding;
        for (const p of holding) expect(retracted.has(p.partnerId)).toBe(false);
      }),
      RUNS,
    );
  });
});
