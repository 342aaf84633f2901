import { replayCompletedMessage, replayedEventMessage } from './replay-messages';

describe('replay messages', () => {
  it('sends a replayed event to the queue through the default exchange, as the event it was', () => {
    const envelope = {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'ResultRegistered',
      schemaVersion: 1 as const,
      occurredAt: '2026-07-04T09:12:00.000Z',
      producer: 'register' as const,
      correlationId: 'replay-1',
      causationId: 'replay-1',
      resultId: '21PA-1',
      institutionCode: '21PA',
      sequence: 1,
      data: { late: false },
    };
    const message = replayedEventMessage(envelope, 'reporting.rebuild');
    expect(message).toEqual({
      exchange: '',
      routingKey: 'reporting.rebuild',
      payload: JSON.stringify(envelope),
      messageId: envelope.eventId,
      type: 'ResultRegistered',
      correlationId: 'replay-1',
      timestamp: Date.parse('2026-07-04T09:12:00.000Z') / 1000,
    });
  });

  it('ends the replay with a ReplayCompleted marker on the same queue', () => {
    const completed = {
      replayId: 'replay-1',
      queue: 'reporting.rebuild',
      from: null,
      results: 2,
      events: 5,
      completedAt: '2026-07-04T09:12:01.000Z',
    };
    expect(replayCompletedMessage(completed, 'marker-1')).toEqual({
      exchange: '',
      routingKey: 'reporting.rebuild',
      payload: JSON.stringify(completed),
      messageId: 'marker-1',
      type: 'ReplayCompleted',
      correlationId: 'replay-1',
      timestamp: Date.parse('2026-07-04T09:12:01.000Z') / 1000,
    });
  });
});
