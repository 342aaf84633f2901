import { AmqpContext } from '@rod/messaging';
import type { ConsumeMessage, MessageProperties } from 'amqplib';
import { amqpCommandMeta, institutionUserId } from './amqp-command-meta';

/** A fake consumed message: only the fields the register reads. */
function contextOf(routingKey: string, properties: Partial<MessageProperties>): AmqpContext {
  const message = {
    content: Buffer.from('{}'),
    fields: { routingKey, exchange: 'register.commands' },
    properties: { headers: {}, ...properties },
  };
  return new AmqpContext([message as unknown as ConsumeMessage, 'register.commands']);
}

const KEY = 'institution.21PA.register-result';

describe('institutionUserId', () => {
  it.each([
    ['21PA', 'inst-21PA'],
    ['00AZ', 'inst-00AZ'],
  ])('is the broker user of %s: %s', (code, user) => {
    expect(institutionUserId(code)).toBe(user);
  });
});

describe('amqpCommandMeta', () => {
  it('reads the command id, correlation id, institution and reply queue', () => {
    const context = contextOf(KEY, {
      messageId: 'cmd-1',
      correlationId: 'corr-1',
      replyTo: 'amq.rabbitmq.reply-to',
    });
    expect(amqpCommandMeta(context, false)).toEqual({
      ok: true,
      meta: {
        commandId: 'cmd-1',
        correlationId: 'corr-1',
        actingInstitution: '21PA',
        replyTo: 'amq.rabbitmq.reply-to',
        door: 'amqp',
      },
    });
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['not a string', 7],
  ])('falls back to the message id when the correlation id is %s', (_name, correlationId) => {
    const context = contextOf(KEY, {
      messageId: 'cmd-1',
      correlationId: correlationId as string | undefined,
    });
    const result = amqpCommandMeta(context, false);
    expect(result.meta.correlationId).toBe('cmd-1');
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
  ])('has no reply queue when reply_to is %s', (_name, replyTo) => {
    const result = amqpCommandMeta(contextOf(KEY, { messageId: 'cmd-1', replyTo }), false);
    expect(result.meta.replyTo).toBeUndefined();
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['a number', 42],
  ])('rejects a command whose message_id is %s as malformed-message', (_name, messageId) => {
    const context = contextOf(KEY, {
      messageId: messageId as string | undefined,
      userId: 'inst-21PA',
    });
    expect(amqpCommandMeta(context, true)).toEqual({
      ok: false,
      institutionCode: '21PA',
      meta: expect.objectContaining({ commandId: '', actingInstitution: '21PA' }),
      error: { code: 'malformed-message', field: null, message: expect.any(String) },
    });
  });

  it('reports no institution for a malformed message whose routing key names none', () => {
    const result = amqpCommandMeta(contextOf('garbage', {}), false);
    expect(result).toMatchObject({
      ok: false,
      institutionCode: null,
      error: { code: 'malformed-message' },
    });
    expect(result.meta.actingInstitution).toBe('');
  });

  it.each([
    ['absent', undefined],
    ['another institution', 'inst-22XY'],
    ['the bare code', '21PA'],
    ['the broker default user', 'guest'],
  ])(
    'rejects a command whose user_id is %s as not-allowed when user ids are required',
    (_name, userId) => {
      const result = amqpCommandMeta(contextOf(KEY, { messageId: 'cmd-1', userId }), true);
      expect(result).toEqual({
        ok: false,
        institutionCode: '21PA',
        meta: {
          commandId: 'cmd-1',
          correlationId: 'cmd-1',
          actingInstitution: '21PA',
          replyTo: undefined,
          door: 'amqp',
        },
        error: { code: 'not-allowed', field: null, message: expect.stringContaining('inst-21PA') },
      });
    },
  );

  it("accepts the institution's own user when user ids are required", () => {
    const result = amqpCommandMeta(
      contextOf(KEY, { messageId: 'cmd-1', userId: 'inst-21PA' }),
      true,
    );
    expect(result.ok).toBe(true);
  });

  it.each([
    ['absent', undefined],
    ['another institution', 'inst-22XY'],
  ])('ignores a user_id that is %s when user ids are not required', (_name, userId) => {
    expect(amqpCommandMeta(contextOf(KEY, { messageId: 'cmd-1', userId }), false).ok).toBe(true);
  });

  it.each([
    ['institution.21PA.register-result', '21PA'],
    ['institution.00AZ.report-fraud', '00AZ'],
    ['institution.21PA.delete-result', '21PA'],
  ])('takes the acting institution from routing key %s', (routingKey, code) => {
    const result = amqpCommandMeta(contextOf(routingKey, { messageId: 'cmd-1' }), false);
    expect(result.meta.actingInstitution).toBe(code);
  });
});

describe('reply_to when institutions are broker users', () => {
  it.each([
    ['its own queue', 'inst-21PA.replies', true],
    ['direct reply-to', 'amq.rabbitmq.reply-to.g1h2AA5yb3JAbW9zdDBx', true],
    ["another institution's queue", 'inst-22XY.replies', false],
    ['a partner inbox', 'partner.cibg-big.inbox', false],
    ['a prefix without the dot', 'inst-21PAX.replies', false],
    ['a server-named queue', 'amq.gen-abc', false],
  ])('%s (%s): allowed=%s', (_name, replyTo, allowed) => {
    const context = contextOf(KEY, { messageId: 'cmd-1', userId: 'inst-21PA', replyTo });
    const result = amqpCommandMeta(context, true);
    expect(result.ok).toBe(allowed);
    if (!result.ok) {
      expect(result.error.code).toBe('not-allowed');
      expect(result.meta.replyTo).toBeUndefined();
    }
  });

  it('sends replies anywhere the sender asks when the broker does not authenticate institutions', () => {
    const context = contextOf(KEY, { messageId: 'cmd-1', replyTo: 'amq.gen-abc' });
    expect(amqpCommandMeta(context, false)).toMatchObject({
      ok: true,
      meta: { replyTo: 'amq.gen-abc' },
    });
  });
});
