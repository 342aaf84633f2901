import type { CommandReplyV1, RegisterResultV1 } from '@rod/contracts';
import { validateEvent } from '@rod/contracts';
import type { CommandMeta } from './command-meta';
import type { ExistingResult } from './register-result.decision';
import { decideRegistration } from './register-result.decision';

const command: RegisterResultV1 = {
  institutionCode: '21PA',
  resultSequence: '2026000123',
  person: { bsn: '123456782' },
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-07-03',
  studyMode: 'full-time',
};

const meta: CommandMeta = {
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  actingInstitution: '21PA',
  door: 'amqp',
};

const NOW = new Date('2026-07-04T09:12:00.000Z');

const storedReply: CommandReplyV1 = {
  commandId: 'cmd-1',
  command: 'RegisterResult',
  status: 'accepted',
  resultId: '21PA-2026000123',
  errors: [],
};

describe('decideRegistration', () => {
  it.each([
    ['another institution', '22XY'],
    ['no institution', ''],
    ['the same code in lower case', '21pa'],
  ])('rejects a command acting for %s as not-allowed', (_name, actingInstitution) => {
    const decision = decideRegistration(command, { ...meta, actingInstitution }, null, NOW);
    expect(decision).toEqual({
      kind: 'rejected',
      reply: {
        commandId: 'cmd-1',
        command: 'RegisterResult',
        status: 'rejected',
        resultId: '21PA-2026000123',
        errors: [{ code: 'not-allowed', field: 'institutionCode', message: expect.any(String) }],
      },
    });
  });

  it('checks the institution before looking at an existing result', () => {
    const existing: ExistingResult = { commands: [{ key: '21PA/cmd-1', reply: storedReply }] };
    const decision = decideRegistration(
      command,
      { ...meta, actingInstitution: '22XY' },
      existing,
      NOW,
    );
    expect(decision.kind).toBe('rejected');
    expect(decision.reply.errors[0]?.code).toBe('not-allowed');
  });

  it.each([
    ['the first command', 0],
    ['a later command', 1],
  ])('repeats the stored reply when the command id is %s of the result', (_name, index) => {
    const other: CommandReplyV1 = { ...storedReply, commandId: 'cmd-0', command: 'CorrectResult' };
    const commands = [
      { key: '21PA/cmd-0', reply: other },
      { key: '21PA/cmd-1', reply: storedReply },
    ];
    const ordered = index === 0 ? [commands[1], commands[0]] : commands;
    const decision = decideRegistration(command, meta, { commands: ordered }, NOW);
    expect(decision).toEqual({ kind: 'repeat', reply: storedReply });
    expect(decision.reply).toBe(storedReply);
  });

  it('repeats a stored rejection too, not only an acceptance', () => {
    const rejection: CommandReplyV1 = {
      ...storedReply,
      status: 'rejected',
      errors: [{ code: 'already-exists', field: 'resultSequence', message: 'x' }],
    };
    const decision = decideRegistration(
      command,
      meta,
      { commands: [{ key: '21PA/cmd-1', reply: rejection }] },
      NOW,
    );
    expect(decision).toEqual({ kind: 'repeat', reply: rejection });
  });

  it.each([
    ['other commands', [{ key: '21PA/cmd-0', reply: { ...storedReply, commandId: 'cmd-0' } }]],
    ['no commands on record', []],
  ])(
    'rejects a new command for an existing result with %s as already-exists',
    (_name, commands) => {
      const decision = decideRegistration(command, meta, { commands }, NOW);
      expect(decision).toEqual({
        kind: 'rejected',
        reply: {
          commandId: 'cmd-1',
          command: 'RegisterResult',
          status: 'rejected',
          resultId: '21PA-2026000123',
          errors: [
            {
              code: 'already-exists',
              field: 'resultSequence',
              message: expect.stringContaining('21PA-2026000123'),
            },
          ],
        },
      });
    },
  );

  describe('a new result', () => {
    const decision = decideRegistration(command, meta, null, NOW);
    if (decision.kind !== 'registered')
      throw new Error(`expected registered, got ${decision.kind}`);
    const { event, reply, fields } = decision;

    it('is accepted', () => {
      expect(reply).toEqual({
        commandId: 'cmd-1',
        command: 'RegisterResult',
        status: 'accepted',
        resultId: '21PA-2026000123',
        errors: [],
      });
    });

    it.each([
      ['type', 'ResultRegistered'],
      ['schemaVersion', 1],
      ['producer', 'register'],
      ['sequence', 1],
      ['correlationId', 'corr-1'],
      ['causationId', 'cmd-1'],
      ['resultId', '21PA-2026000123'],
      ['institutionCode', '21PA'],
      ['occurredAt', '2026-07-04T09:12:00.000Z'],
    ])('yields an event whose %s is %p', (key, value) => {
      expect(event).toHaveProperty(key, value);
    });

    it('gives the event a UUID of its own, not the command id', () => {
      expect(event.eventId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      expect(event.eventId).not.toBe(meta.commandId);
    });

    it('carries the result without institutionCode, plus registeredAt and late', () => {
      expect(event.data).toEqual({
        resultSequence: '2026000123',
        person: { bsn: '123456782' },
        programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
        registeredAt: '2026-07-04T09:12:00.000Z',
        late: false,
      });
      expect(event.data).not.toHaveProperty('institutionCode');
    });

    it('returns the fields to store, without institutionCode', () => {
      expect(fields).toEqual({
        resultSequence: '2026000123',
        person: { bsn: '123456782' },
        programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
      });
    });

    it('yields an event that passes the contract validator', () => {
      expect(validateEvent(JSON.parse(JSON.stringify(event))).ok).toBe(true);
    });
  });

  it('takes the correlation id from the meta, even when it differs from the command id', () => {
    const decision = decideRegistration(
      command,
      { ...meta, correlationId: 'upstream-7' },
      null,
      NOW,
    );
    expect(decision.kind === 'registered' && decision.event).toMatchObject({
      correlationId: 'upstream-7',
      causationId: 'cmd-1',
    });
  });

  it.each([
    ['2026-05-09', '2026-07-04T09:12:00.000Z', false, '56 days after the exam'],
    ['2026-05-08', '2026-07-04T09:12:00.000Z', true, '57 days after the exam'],
    ['2026-05-08', '2026-07-03T21:59:00.000Z', false, '56 days, late evening in Amsterdam'],
    ['2026-05-08', '2026-07-03T22:30:00.000Z', true, '57 days in Amsterdam, still 56 in UTC'],
  ])('marks an exam of %s registered at %s late=%s (%s)', (examDate, at, late) => {
    const decision = decideRegistration({ ...command, examDate }, meta, null, new Date(at));
    expect(decision.kind === 'registered' && decision.event.data.late).toBe(late);
  });

  it('registers an education number as given', () => {
    const decision = decideRegistration(
      { ...command, person: { educationNumber: '100087109' } },
      meta,
      null,
      NOW,
    );
    expect(decision.kind === 'registered' && decision.event.data.person).toEqual({
      educationNumber: '100087109',
    });
  });
});
