import type { EventEnvelope, EventType, ProgrammeV1 } from '@rod/contracts';
import { PartnerDeliveryV1, validateMessage } from '@rod/contracts';
import { FIXTURE_EVENT_ID, anEvent } from '@rod/testing';
import { DEFAULT_PARTNERS } from '../../partners/domain/default-partners';
import { deliveryIdOf } from './delivery-id';
import type { PropagationState } from './plan-deliveries';
import { planDeliveries } from './plan-deliveries';

const NOW = new Date('2026-07-04T10:00:00.000Z');
const EVENT_ID = FIXTURE_EVENT_ID;

const nursing: ProgrammeV1 = { crohoCode: '34560', level: 'HBO', examType: 'bachelor' };
const law: ProgrammeV1 = { crohoCode: '50000', level: 'WO', examType: 'master' };

const snapshot = (programme: ProgrammeV1) => ({
  resultSequence: '2026000123',
  person: { bsn: '123456782' },
  programme,
  examDate: '2026-07-03',
  studyMode: 'full-time',
});

function event(
  type: EventType,
  data: unknown,
  overrides: Partial<EventEnvelope> = {},
): EventEnvelope {
  return anEvent(type, data, overrides);
}

const registered = (programme: ProgrammeV1) =>
  event('ResultRegistered', {
    ...snapshot(programme),
    registeredAt: '2026-07-04T09:12:00.000Z',
    late: false,
  });

const corrected = (programme: ProgrammeV1) =>
  event(
    'ResultCorrected',
    { result: snapshot(programme), changed: ['programme'] },
    { sequence: 2 },
  );

describe('planDeliveries', () => {
  it.each([
    [
      'a healthcare registration',
      registered(nursing),
      ['cibg-big', 'mijnoverheid'],
      'registration',
    ],
    ['another registration', registered(law), ['mijnoverheid'], 'registration'],
    ['a healthcare correction', corrected(nursing), ['cibg-big', 'mijnoverheid'], 'correction'],
    ['another correction', corrected(law), ['mijnoverheid'], 'correction'],
  ])('plans %s to %j as %s', (_name, input, partnerIds, kind) => {
    const { state, messages } = planDeliveries(DEFAULT_PARTNERS, null, input, NOW);
    expect(messages.map((m) => m.routingKey)).toEqual(partnerIds);
    expect(state?.deliveries.map((d) => [d.partnerId, d.kind, d.status])).toEqual(
      partnerIds.map((id) => [id, kind, 'pending']),
    );
  });

  it('sends each delivery to partners.outbound with the partner id as routing key', () => {
    const { messages } = planDeliveries(DEFAULT_PARTNERS, null, registered(nursing), NOW);
    expect(messages.map((m) => [m.exchange, m.routingKey, m.type])).toEqual([
      ['partners.outbound', 'cibg-big', 'PartnerDelivery'],
      ['partners.outbound', 'mijnoverheid', 'PartnerDelivery'],
    ]);
  });

  it('gives each delivery the stable id of its partner and event, as message id and in the body', () => {
    const { state, messages } = planDeliveries(DEFAULT_PARTNERS, null, registered(nursing), NOW);
    const expected = ['cibg-big', 'mijnoverheid'].map((p) => deliveryIdOf(p, EVENT_ID));
    expect(messages.map((m) => m.messageId)).toEqual(expected);
    expect(messages.map((m) => (JSON.parse(m.payload) as PartnerDeliveryV1).deliveryId)).toEqual(
      expected,
    );
    expect(state?.deliveries.map((d) => d.deliveryId)).toEqual(expected);
    expect(new Set(expected).size).toBe(2);
  });

  it('plans the same delivery ids when the same event comes again', () => {
    const first = planDeliveries(DEFAULT_PARTNERS, null, registered(nursing), NOW);
    const again = planDeliveries(
      DEFAULT_PARTNERS,
      null,
      registered(nursing),
      new Date('2026-07-05T00:00:00Z'),
    );
    expect(again.messages.map((m) => m.messageId)).toEqual(first.messages.map((m) => m.messageId));
  });

  it('builds the partner delivery of CONTRACT.md, with the result of a registration', () => {
    const { messages } = planDeliveries(DEFAULT_PARTNERS, null, registered(law), NOW);
    expect(messages).toHaveLength(1);
    expect(messages[0].correlationId).toBe('corr-1');
    expect(JSON.parse(messages[0].payload)).toEqual({
      deliveryId: deliveryIdOf('mijnoverheid', EVENT_ID),
      partnerId: 'mijnoverheid',
      kind: 'registration',
      resultId: '21PA-2026000123',
      institutionCode: '21PA',
      eventId: EVENT_ID,
      occurredAt: '2026-07-04T09:12:00.000Z',
      result: { ...snapshot(law), registeredAt: '2026-07-04T09:12:00.000Z', late: false },
    });
  });

  it('sends the corrected result, not the list of changes, in a correction', () => {
    const { messages } = planDeliveries(DEFAULT_PARTNERS, null, corrected(law), NOW);
    const body = JSON.parse(messages[0].payload) as PartnerDeliveryV1;
    expect(body.kind).toBe('correction');
    expect(body.result).toEqual(snapshot(law));
  });

  it('plans messages whose body passes the contract validator of partner deliveries', () => {
    const { messages } = planDeliveries(DEFAULT_PARTNERS, null, registered(nursing), NOW);
    const failures = messages
      .map((m) => validateMessage(PartnerDeliveryV1, JSON.parse(m.payload)))
      .flatMap((r) => (r.ok ? [] : r.errors.map((e) => e.field)));
    expect(failures).toEqual([]);
  });

  it('records the deliveries in the state, after those already there', () => {
    const state: PropagationState = {
      institutionCode: '21PA',
      programme: law,
      deliveries: [
        {
          deliveryId: 'earlier',
          partnerId: 'mijnoverheid',
          eventId: 'e0',
          kind: 'registration',
          status: 'pending',
          createdAt: '2026-07-01T00:00:00.000Z',
        },
      ],
    };
    const planned = planDeliveries(DEFAULT_PARTNERS, state, corrected(nursing), NOW);
    expect(planned.state).toEqual({
      institutionCode: '21PA',
      programme: nursing,
      deliveries: [
        state.deliveries[0],
        {
          deliveryId: deliveryIdOf('cibg-big', EVENT_ID),
          partnerId: 'cibg-big',
          eventId: EVENT_ID,
          kind: 'correction',
          status: 'pending',
          createdAt: NOW.toISOString(),
        },
        {
          deliveryId: deliveryIdOf('mijnoverheid', EVENT_ID),
          partnerId: 'mijnoverheid',
          eventId: EVENT_ID,
          kind: 'correction',
          status: 'pending',
          createdAt: NOW.toISOString(),
        },
      ],
    });
    expect(state.deliveries).toHaveLength(1);
  });

  it('plans nothing but keeps the state when no partner matches', () => {
    const { state, messages } = planDeliveries([DEFAULT_PARTNERS[0]], null, registered(law), NOW);
    expect(messages).toEqual([]);
    expect(state).toMatchObject({ institutionCode: '21PA', programme: law, deliveries: [] });
  });

  const existing: PropagationState = {
    institutionCode: '21PA',
    programme: nursing,
    deliveries: [],
  };

  it.each([
    ['ResultDeleted', { reason: 'duplicate' }],
    ['ResultSuspended', { explanation: 'x', reportedAt: '2026-07-05T00:00:00.000Z' }],
    ['ResultReinstated', { decidedAt: '2026-07-05T00:00:00.000Z' }],
    ['ExtractIssued', { extractId: 'x', issuedAt: '2026-07-05T00:00:00.000Z' }],
    ['DeliverySucceeded', {}],
    ['OverviewPublished', {}],
  ] as [EventType, unknown][])(
    'plans nothing for %s and returns the state unchanged',
    (type, data) => {
      for (const state of [existing, null]) {
        const planned = planDeliveries(
          DEFAULT_PARTNERS,
          state,
          event(type, data, { sequence: 3 }),
          NOW,
        );
        expect(planned.messages).toEqual([]);
        expect(planned.state).toBe(state);
      }
    },
  );
});
