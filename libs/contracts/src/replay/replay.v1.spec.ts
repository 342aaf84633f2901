import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { classJsonSchema, openApiComponentSchemas } from '../json-schemas';
import { validateMessage } from '../validation';
import { ReplayCompletedV1, ReplayRequestV1, replayFromInstant } from './replay.v1';

describe('ReplayRequestV1', () => {
  it.each([
    ['a queue only', { queue: 'reporting.rebuild' }],
    ['a queue with every allowed character', { queue: 'Ops_1:rebuild-2026.05' }],
    ['a queue of 200 characters', { queue: 'q'.repeat(200) }],
    ['a date', { queue: 'q', from: '2026-05-01' }],
    ['an instant in UTC', { queue: 'q', from: '2026-05-01T00:00:00Z' }],
    [
      'an instant with milliseconds and an offset',
      { queue: 'q', from: '2026-05-01T02:00:00.123+02:00' },
    ],
    ['from null', { queue: 'q', from: null }],
    ['a queue named like another service’s', { queue: 'reporting.result-events' }],
  ])('accepts %s', (_name, body) => {
    expect(validateMessage(ReplayRequestV1, body)).toMatchObject({ ok: true });
  });

  it.each([
    ['no queue', {}, 'queue', 'queue must be'],
    ['an empty queue', { queue: '' }, 'queue', 'queue must be 1-200'],
    ['a queue of 201 characters', { queue: 'q'.repeat(201) }, 'queue', 'queue must be 1-200'],
    ['a queue with a space', { queue: 'my queue' }, 'queue', 'queue must be 1-200'],
    ['a queue with a slash', { queue: 'a/b' }, 'queue', 'queue must be 1-200'],
    ['a queue that is a number', { queue: 42 }, 'queue', 'queue must be a string'],
    ['a queue reserved by the broker', { queue: 'amq.gen-1' }, 'queue', 'reserved by the broker'],
    ['the register’s command queue', { queue: 'register.commands' }, 'queue', "register's own"],
    ['the register’s dead letters', { queue: 'register.commands.dlq' }, 'queue', "register's own"],
    [
      'a date that does not exist',
      { queue: 'q', from: '2026-02-30' },
      'from',
      'from must be a date',
    ],
    [
      'a date-time without offset',
      { queue: 'q', from: '2026-05-01T00:00:00' },
      'from',
      'from must be',
    ],
    ['a word', { queue: 'q', from: 'yesterday' }, 'from', 'from must be'],
    ['a number', { queue: 'q', from: 1_700_000_000_000 }, 'from', 'from must be a string'],
    ['an unknown field', { queue: 'q', exchange: 'x' }, 'exchange', 'not a known field'],
  ])('refuses %s', (_name, body, field, message) => {
    const validated = validateMessage(ReplayRequestV1, body);
    expect(validated.ok).toBe(false);
    if (validated.ok) return;
    expect(validated.errors).toContainEqual(
      expect.objectContaining({
        code: 'validation',
        field,
        message: expect.stringContaining(message),
      }),
    );
  });
});

describe('replayFromInstant', () => {
  it.each([
    ['2026-05-01', '2026-04-30T22:00:00.000Z'],
    ['2026-11-01', '2026-10-31T23:00:00.000Z'],
    ['2026-07-04T09:12:00Z', '2026-07-04T09:12:00.000Z'],
    ['2026-07-04T11:12+02:00', '2026-07-04T09:12:00.000Z'],
  ])('%s is %s', (from, instant) => {
    expect(new Date(replayFromInstant(from) as number).toISOString()).toBe(instant);
  });

  it.each(['2026-13-01', '2026-05-01T24:00:00Z', '2026-05-01 00:00:00Z', ''])(
    'has no instant for %j',
    (from) => {
      expect(replayFromInstant(from)).toBeUndefined();
    },
  );
});

describe('replay JSON schemas', () => {
  const compile = (name: string) => {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    return ajv.compile(classJsonSchema(name));
  };

  it('describes the request, the answer and the marker for /docs', () => {
    expect(openApiComponentSchemas()).toEqual(
      expect.objectContaining({
        ReplayRequestV1: expect.anything(),
        ReplayStartedV1: expect.anything(),
        ReplayCompletedV1: expect.anything(),
      }),
    );
  });

  it('requires a queue and refuses the register’s own queues in the request schema', () => {
    const validate = compile('ReplayRequestV1');
    expect(validate({ queue: 'reporting.rebuild', from: '2026-05-01' })).toBe(true);
    expect(validate({ from: '2026-05-01' })).toBe(false);
    expect(validate({ queue: 'register.commands' })).toBe(false);
    expect(validate({ queue: 'a b' })).toBe(false);
  });

  it('requires every member of the marker, from as a string or null', () => {
    const validate = compile('ReplayCompletedV1');
    const marker: Record<string, unknown> = {
      replayId: '0b7e1c4e-8f57-4a39-9b1e-6a0b9f3f2c11',
      queue: 'reporting.rebuild',
      from: null,
      results: 2,
      events: 5,
      completedAt: '2026-07-04T09:12:01.000Z',
    };
    expect(validate(marker)).toBe(true);
    for (const member of Object.keys(marker)) {
      const { [member]: _left, ...without } = marker;
      expect({ member, valid: validate(without) }).toEqual({ member, valid: false });
    }
    expect(validateMessage(ReplayCompletedV1, marker)).toMatchObject({ ok: true });
  });
});
