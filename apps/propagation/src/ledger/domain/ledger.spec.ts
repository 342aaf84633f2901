import type { EventEnvelope, ProgrammeV1 } from '@rod/contracts';
import { PartnerDeliveryV1, validateEvent, validateMessage } from '@rod/contracts';
import { DEFAULT_PARTNERS } from '../../partners/domain/default-partners';
import type { Partner } from '../../partners/domain/partner';
import type { AttemptOutcome, RetryPolicy } from './apply-attempt';
import { applyAttempt, retryParked } from './apply-attempt';
import { applyResultEvent } from './apply-result-event';
import type { LedgerChange, LedgerEffect, ResultLedger } from './ledger-state';

const NOW = new Date('2026-07-04T10:00:00.000Z');
const LATER = new Date('2026-07-05T10:00:00.000Z');
const nursing: ProgrammeV1 = { crohoCode: '34560', level: 'HBO', examType: 'bachelor' };
const law: ProgrammeV1 = { crohoCode: '50000', level: 'WO', examType: 'master' };
const partner = (id: string): Partner => DEFAULT_PARTNERS.find((p) => p.id === id)!;
const policy: RetryPolicy = { maxAttempts: 3, delayMs: (attempt) => 1000 * 2 ** (attempt - 1) };

let eventCounter = 0;
function anEvent(type: string, data: unknown, sequence: number): EventEnvelope {
  eventCounter++;
  return {
    eventId: `00000000-0000-4000-8000-${String(eventCounter).padStart(12, '0')}`,
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
const snapshot = (programme: ProgrammeV1) => ({
  resultSequence: '1',
  person: { bsn: '123456782' },
  programme,
  examDate: '2026-07-03',
  studyMode: 'full-time',
});
const registered = (programme: ProgrammeV1) =>
  anEvent(
    'ResultRegistered',
    { ...snapshot(programme), registeredAt: NOW.toISOString(), late: false },
    1,
  );
const corrected = (programme: ProgrammeV1) =>
  anEvent(
    'ResultCorrected',
    { result: { ...snapshot(programme), studyMode: 'dual' }, changed: ['studyMode'] },
    2,
  );
const deletedEvent = (programme: ProgrammeV1, sequence = 3) =>
  anEvent(
    'ResultDeleted',
    {
      reason: 'duplicate',
      deletedAt: LATER.toISOString(),
      deletedBy: 'institution',
      acknowledgedIrreversible: true,
      consequences: { extractsIssued: 0, partnersHolding: [] },
      registeredAt: NOW.toISOString(),
      programme,
    },
    sequence,
  );

const apply = (ledger: ResultLedger | null, event: EventEnvelope) =>
  applyResultEvent(ledger, event, DEFAULT_PARTNERS, NOW);
const attempt = (ledger: ResultLedger, partnerId: string, outcome: AttemptOutcome, which = 0) => {
  const entry = ledger.entries.filter((e) => e.partnerId === partnerId)[which];
  return applyAttempt(ledger, entry.deliveryId, outcome, partner(partnerId), policy, LATER);
};
const sends = (change: LedgerChange) =>
  change.effects
    .filter((e) => e.kind === 'send')
    .map((e) => (e.kind === 'send' ? [e.entry.partnerId, e.entry.kind] : []));
const eventsOf = (effects: LedgerEffect[]) =>
  effects.flatMap((e) =>
    e.kind === 'event' ? [[e.type, (e.data as { partnerId: string }).partnerId]] : [],
  );
const statuses = (ledger: ResultLedger) =>
  ledger.entries.map((e) => [e.partnerId, e.kind, e.status]);

describe('the delivery ledger', () => {
  it.each([
    [
      'a healthcare registration',
      nursing,
      [
        ['cibg-big', 'registration'],
        ['mijnoverheid', 'registration'],
      ],
    ],
    ['another registration', law, [['mijnoverheid', 'registration']]],
  ])('plans and releases %s to every matching partner', (_name, programme, expected) => {
    const change = apply(null, registered(programme));
    expect(sends(change)).toEqual(expected);
    for (const effect of change.effects) {
      if (effect.kind !== 'send') continue;
      expect(validateMessage(PartnerDeliveryV1, JSON.parse(effect.entry.body!)).ok).toBe(true);
    }
  });

  it("holds a correction back until the partner's registration is delivered, then releases it", () => {
    const first = apply(null, registered(law));
    const second = apply(first.ledger, corrected(law));
    expect(sends(second)).toEqual([]);
    const delivered = attempt(second.ledger, 'mijnoverheid', { kind: 'delivered' });
    expect(eventsOf(delivered.effects)).toEqual([['DeliverySucceeded', 'mijnoverheid']]);
    expect(sends(delivered)).toEqual([['mijnoverheid', 'correction']]);
  });

  it('says in DeliverySucceeded whether the partner can retract', () => {
    const change = attempt(apply(null, registered(nursing)).ledger, 'cibg-big', {
      kind: 'delivered',
    });
    const event = change.effects.find((e) => e.kind === 'event');
    expect(event).toMatchObject({
      data: { partnerId: 'cibg-big', kind: 'registration', attempts: 1, canRetract: false },
    });
    expect(
      validateEvent({
        ...anEvent('DeliverySucceeded', (event as { data: object }).data, 1),
        producer: 'propagation',
      }).ok,
    ).toBe(true);
  });

  it('retries a passing failure later with the policy delay, or the partner’s Retry-After when longer', () => {
    const ledger = apply(null, registered(law)).ledger;
    const once = attempt(ledger, 'mijnoverheid', { kind: 'retry', reason: 'HTTP 503' });
    expect(once.effects).toEqual([expect.objectContaining({ kind: 'retry-later', delayMs: 1000 })]);
    const twice = attempt(once.ledger, 'mijnoverheid', {
      kind: 'retry',
      reason: 'HTTP 429',
      retryAfterMs: 60_000,
    });
    expect(twice.effects).toEqual([
      expect.objectContaining({ kind: 'retry-later', delayMs: 60_000 }),
    ]);
    expect(twice.ledger.entries[0]).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: 'HTTP 429',
    });
  });

  it('parks a delivery after the last attempt, with DeliveryFailed, and holds back the later ones', () => {
    let ledger = apply(apply(null, registered(law)).ledger, corrected(law)).ledger;
    let change: LedgerChange = { ledger, effects: [] };
    for (let i = 0; i < policy.maxAttempts; i++) {
      change = attempt(change.ledger, 'mijnoverheid', { kind: 'retry', reason: 'timeout' });
    }
    expect(change.effects.map((e) => e.kind)).toEqual(['park', 'event']);
    expect(eventsOf(change.effects)).toEqual([['DeliveryFailed', 'mijnoverheid']]);
    expect(statuses(change.ledger)).toEqual([
      ['mijnoverheid', 'registration', 'parked'],
      ['mijnoverheid', 'correction', 'pending'],
    ]);
    ledger = change.ledger;
    const retried = retryParked(ledger, ledger.entries[0].deliveryId, LATER)!;
    expect(sends(retried)).toEqual([['mijnoverheid', 'registration']]);
    expect(retried.ledger.entries[0]).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('parks at once a failure that will not pass', () => {
    const change = attempt(apply(null, registered(law)).ledger, 'mijnoverheid', {
      kind: 'park',
      reason: 'HTTP 400',
    });
    expect(change.ledger.entries[0]).toMatchObject({
      status: 'parked',
      attempts: 1,
      lastError: 'HTTP 400',
    });
  });

  it('skips deliveries not made yet when the result is deleted: no retraction, no flag', () => {
    const change = apply(apply(null, registered(nursing)).ledger, deletedEvent(nursing, 2));
    expect(statuses(change.ledger)).toEqual([
      ['cibg-big', 'registration', 'skipped'],
      ['mijnoverheid', 'registration', 'skipped'],
    ]);
    expect(change.effects).toEqual([]);
    expect(change.ledger.entries.every((e) => e.body === undefined)).toBe(true);
  });

  it('retracts from a partner that can, and flags one that cannot, exactly once', () => {
    let ledger = apply(null, registered(nursing)).ledger;
    ledger = attempt(ledger, 'cibg-big', { kind: 'delivered' }).ledger;
    ledger = attempt(ledger, 'mijnoverheid', { kind: 'delivered' }).ledger;
    const deletion = apply(ledger, deletedEvent(nursing, 2));
    expect(eventsOf(deletion.effects)).toEqual([['IrreversibleDeliveryFlagged', 'cibg-big']]);
    expect(deletion.effects.find((e) => e.kind === 'event')).toMatchObject({
      data: {
        partnerName: expect.any(String),
        reason: 'duplicate',
        deletedAt: LATER.toISOString(),
      },
    });
    expect(sends(deletion)).toEqual([['mijnoverheid', 'retraction']]);
    const retracted = attempt(deletion.ledger, 'mijnoverheid', { kind: 'delivered' }, 1);
    expect(eventsOf(retracted.effects)).toEqual([
      ['DeliverySucceeded', 'mijnoverheid'],
      ['DeliveryRetracted', 'mijnoverheid'],
    ]);
    expect(statuses(retracted.ledger)).toEqual([
      ['cibg-big', 'registration', 'delivered'],
      ['mijnoverheid', 'registration', 'retracted'],
      ['mijnoverheid', 'retraction', 'delivered'],
    ]);
    // The deletion delivered again by the broker is dropped by applyInSequence; the
    // consequences themselves never flag a partner twice.
    expect(retracted.ledger.flagged).toEqual(['cibg-big']);
  });

  it('treats a delivery that arrived while the deletion came in as delivered, with its consequences', () => {
    const ledger = apply(null, registered(nursing)).ledger;
    const deletion = apply(ledger, deletedEvent(nursing, 2));
    const late = attempt(deletion.ledger, 'cibg-big', { kind: 'delivered' });
    expect(eventsOf(late.effects)).toEqual([
      ['DeliverySucceeded', 'cibg-big'],
      ['IrreversibleDeliveryFlagged', 'cibg-big'],
    ]);
    const lateToo = attempt(late.ledger, 'mijnoverheid', { kind: 'delivered' });
    expect(sends(lateToo)).toEqual([['mijnoverheid', 'retraction']]);
  });

  it.each<[string, AttemptOutcome]>([
    ['a second success', { kind: 'delivered' }],
    ['a failure after the success', { kind: 'retry', reason: 'late timeout' }],
  ])('ignores %s of a delivered entry (a duplicate work message)', (_name, outcome) => {
    const ledger = attempt(apply(null, registered(law)).ledger, 'mijnoverheid', {
      kind: 'delivered',
    }).ledger;
    expect(attempt(ledger, 'mijnoverheid', outcome)).toEqual({ ledger, effects: [] });
  });

  it('keeps no retry of a skipped delivery', () => {
    const ledger = apply(apply(null, registered(law)).ledger, deletedEvent(law, 2)).ledger;
    expect(attempt(ledger, 'mijnoverheid', { kind: 'retry', reason: 'x' }).effects).toEqual([]);
  });

  it('keeps ledger entries with stable delivery ids per (partner, event)', () => {
    const event = registered(nursing);
    const a = apply(null, event).ledger.entries.map((e) => e.deliveryId);
    const b = apply(null, event).ledger.entries.map((e) => e.deliveryId);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(2);
  });
});
