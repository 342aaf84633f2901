import type { EventEnvelope, EventType } from '@rod/contracts';
import { Events, validateEvent } from '@rod/contracts';
import type { NewEvent } from './outgoing-message';
import { createEnvelope, eventMessage, jsonMessage } from './outgoing-message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const newEvent = (
  type: EventType,
  overrides: Partial<NewEvent<EventType>> = {},
): NewEvent<EventType> => ({
  type,
  producer: 'register',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  sequence: 3,
  data: { decidedAt: '2026-07-04T09:12:00.000Z' },
  occurredAt: new Date('2026-07-04T09:12:00.000Z'),
  ...overrides,
});

describe('createEnvelope', () => {
  it('builds the envelope of CONTRACT.md from the new event', () => {
    expect(createEnvelope(newEvent('ResultReinstated'))).toEqual({
      eventId: expect.stringMatching(UUID),
      type: 'ResultReinstated',
      schemaVersion: 1,
      occurredAt: '2026-07-04T09:12:00.000Z',
      producer: 'register',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      resultId: '21PA-2026000123',
      institutionCode: '21PA',
      sequence: 3,
      data: { decidedAt: '2026-07-04T09:12:00.000Z' },
    });
  });

  it('builds an envelope that validateEvent accepts', () => {
    expect(validateEvent(createEnvelope(newEvent('ResultReinstated'))).ok).toBe(true);
  });

  it('gives every envelope a new event id', () => {
    const ids = new Set(
      Array.from({ length: 50 }, () => createEnvelope(newEvent('ResultReinstated')).eventId),
    );
    expect(ids.size).toBe(50);
  });

  it('stamps the current time when no occurredAt is given', () => {
    const before = Date.now();
    const envelope = createEnvelope(newEvent('ResultReinstated', { occurredAt: undefined }));
    const stamped = Date.parse(envelope.occurredAt);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(Date.now());
  });

  it('keeps a null resultId and institutionCode (OverviewPublished)', () => {
    const envelope = createEnvelope(
      newEvent('OverviewPublished', {
        producer: 'reporting',
        resultId: null,
        institutionCode: null,
        sequence: 0,
      }),
    );
    expect(envelope).toMatchObject({
      resultId: null,
      institutionCode: null,
      producer: 'reporting',
    });
  });
});

describe('eventMessage', () => {
  it.each([
    ['ResultRegistered', 'results.events', 'result.registered.v1'],
    ['ResultCorrected', 'results.events', 'result.corrected.v1'],
    ['ResultDeleted', 'results.events', 'result.deleted.v1'],
    ['ResultSuspended', 'results.events', 'result.suspended.v1'],
    ['ResultReinstated', 'results.events', 'result.reinstated.v1'],
    ['ExtractIssued', 'results.events', 'extract.issued.v1'],
    ['DeliverySucceeded', 'propagation.events', 'delivery.succeeded.v1'],
    ['DeliveryFailed', 'propagation.events', 'delivery.failed.v1'],
    ['DeliveryRetracted', 'propagation.events', 'delivery.retracted.v1'],
    ['IrreversibleDeliveryFlagged', 'propagation.events', 'delivery.irreversible.v1'],
    ['OverviewPublished', 'reporting.events', 'overview.published.v1'],
  ] as [EventType, string, string][])(
    'publishes %s to %s with routing key %s',
    (type, exchange, routingKey) => {
      const message = eventMessage(createEnvelope(newEvent(type)));
      expect(message).toMatchObject({ exchange, routingKey, type });
    },
  );

  it('routes every event type of the contract', () => {
    expect(Object.keys(Events)).toHaveLength(11);
  });

  it('carries the envelope as exact JSON, with the event id as message id and the correlation id', () => {
    const envelope: EventEnvelope<EventType> = createEnvelope(newEvent('ResultReinstated'));
    const message = eventMessage(envelope);
    expect(message.payload).toBe(JSON.stringify(envelope));
    expect(JSON.parse(message.payload)).toEqual(envelope);
    expect(message.messageId).toBe(envelope.eventId);
    expect(message.correlationId).toBe('corr-1');
  });

  it('stamps the message with occurredAt in whole seconds', () => {
    const message = eventMessage(
      createEnvelope(
        newEvent('ResultReinstated', { occurredAt: new Date('2026-07-04T09:12:00.900Z') }),
      ),
    );
    expect(message.timestamp).toBe(Date.parse('2026-07-04T09:12:00.000Z') / 1000);
  });
});

describe('jsonMessage', () => {
  it('builds a message with a fresh id and the JSON of the body', () => {
    const message = jsonMessage(
      'register.replies',
      'institution.21PA.accepted',
      'CommandReply',
      { ok: 1 },
      'corr-1',
    );
    expect(message).toEqual({
      exchange: 'register.replies',
      routingKey: 'institution.21PA.accepted',
      payload: '{"ok":1}',
      messageId: expect.stringMatching(UUID),
      type: 'CommandReply',
      correlationId: 'corr-1',
      timestamp: expect.any(Number),
    });
  });
});
