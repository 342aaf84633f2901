import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { EventType } from './events/events';
import { Events } from './events/events';
import {
  classJsonSchema,
  commandJsonSchema,
  eventJsonSchema,
  messageSchemaDefinitions,
} from './json-schemas';
import type { CommandKey } from './topology';
import { CommandKeys } from './topology';

type Json = Record<string, unknown>;

/** A strict ajv (the default), with the string formats the schemas use. */
function compile(schema: Record<string, unknown>) {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function without(message: Json, path: string): Json {
  const copy = structuredClone(message);
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target = copy;
  for (const key of keys) target = target[key] as Json;
  delete target[last];
  return copy;
}

const programme = { crohoCode: '34479', level: 'HBO', examType: 'bachelor' };
const at = '2026-07-04T09:12:00.000Z';

const envelope = (type: EventType, data: Json): Json => ({
  eventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11',
  type,
  schemaVersion: 1,
  occurredAt: at,
  producer: 'register',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  sequence: 1,
  data,
});

const snapshot = {
  resultSequence: '2026000123',
  person: { bsn: '123456782' },
  programme,
  examDate: '2026-07-03',
  studyMode: 'full-time',
};

const validEvents: Record<EventType, Json> = {
  ResultRegistered: envelope('ResultRegistered', { ...snapshot, registeredAt: at, late: false }),
  ResultCorrected: envelope('ResultCorrected', { result: snapshot, changed: ['studyMode'] }),
  ResultDeleted: envelope('ResultDeleted', {
    reason: 'duplicate',
    deletedAt: at,
    deletedBy: 'institution',
    acknowledgedIrreversible: true,
    consequences: {
      extractsIssued: 1,
      partnersHolding: [{ partnerId: 'cibg-big', canRetract: false }],
    },
    registeredAt: at,
    programme,
  }),
  ResultSuspended: envelope('ResultSuspended', { explanation: 'plagiarism', reportedAt: at }),
  ResultReinstated: envelope('ResultReinstated', { decidedAt: at }),
  ExtractIssued: envelope('ExtractIssued', { extractId: 'x-1', issuedAt: at }),
  DeliverySucceeded: {
    ...envelope('DeliverySucceeded', {
      partnerId: 'mijnoverheid',
      kind: 'registration',
      deliveredEventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11',
      deliveredAt: at,
      attempts: 1,
    }),
    producer: 'propagation',
  },
  DeliveryFailed: {
    ...envelope('DeliveryFailed', {
      partnerId: 'mijnoverheid',
      kind: 'correction',
      deliveredEventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11',
      attempts: 5,
      lastError: 'HTTP 400',
    }),
    producer: 'propagation',
  },
  DeliveryRetracted: {
    ...envelope('DeliveryRetracted', { partnerId: 'mijnoverheid', retractedAt: at }),
    producer: 'propagation',
  },
  IrreversibleDeliveryFlagged: {
    ...envelope('IrreversibleDeliveryFlagged', {
      partnerId: 'cibg-big',
      partnerName: 'CIBG (BIG-register)',
      deliveredAt: at,
      deletedAt: at,
      reason: 'duplicate',
      deletionEventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d12',
    }),
    producer: 'propagation',
  },
  OverviewPublished: {
    ...envelope('OverviewPublished', {
      period: '2026-11',
      from: '2026-05-01',
      to: '2026-11-01',
      institutions: 3,
      generatedAt: at,
    }),
    producer: 'reporting',
    resultId: null,
    institutionCode: null,
    sequence: 0,
  },
};

const eventTypes = Object.keys(Events) as EventType[];

describe('eventJsonSchema', () => {
  it.each(eventTypes)('compiles for %s and accepts a valid event of that type', (type) => {
    const validate = compile(eventJsonSchema(type));
    expect(validate(validEvents[type])).toBe(true);
    expect(validate.errors).toBeNull();
  });

  it.each(eventTypes)('rejects a %s event without its eventId', (type) => {
    expect(compile(eventJsonSchema(type))(without(validEvents[type], 'eventId'))).toBe(false);
  });

  it.each(eventTypes)('rejects a %s event whose type is another event type', (type) => {
    const other = type === 'ResultRegistered' ? 'ResultDeleted' : 'ResultRegistered';
    expect(compile(eventJsonSchema(type))({ ...validEvents[type], type: other })).toBe(false);
  });

  it.each([
    ['ResultRegistered', 'data.registeredAt'],
    ['ResultRegistered', 'data.programme.crohoCode'],
    ['ResultCorrected', 'data.changed'],
    ['ResultDeleted', 'data.consequences'],
    ['ResultDeleted', 'data.consequences.partnersHolding'],
    ['ResultSuspended', 'data.reportedAt'],
    ['ExtractIssued', 'data.extractId'],
    ['DeliverySucceeded', 'data.attempts'],
    ['IrreversibleDeliveryFlagged', 'data.deletionEventId'],
    ['OverviewPublished', 'data.period'],
  ] as [EventType, string][])('rejects a %s event without %s', (type, path) => {
    expect(compile(eventJsonSchema(type))(without(validEvents[type], path))).toBe(false);
  });

  it.each([
    ['an eventId that is no UUID', { eventId: 'event-1' }],
    ['schema version 2', { schemaVersion: 2 }],
    ['an unknown producer', { producer: 'helpdesk' }],
    ['a fractional sequence', { sequence: 1.5 }],
  ])('rejects a ResultRegistered event with %s', (_name, patch) => {
    expect(
      compile(eventJsonSchema('ResultRegistered'))({ ...validEvents.ResultRegistered, ...patch }),
    ).toBe(false);
  });

  // CONTRACT.md: only fields marked opt may be absent; resultId and institutionCode may be
  // null but are always present, and every event has data.
  it('requires every envelope field of the contract in every event schema', () => {
    const contractFields = [
      'eventId',
      'type',
      'schemaVersion',
      'occurredAt',
      'producer',
      'correlationId',
      'causationId',
      'resultId',
      'institutionCode',
      'sequence',
      'data',
    ];
    const notRequired = eventTypes.flatMap((type) => {
      const required = eventJsonSchema(type).required as string[];
      return contractFields.filter((f) => !required.includes(f)).map((f) => `${type}.${f}`);
    });
    expect(notRequired).toEqual([]);
  });
});

const validCommands: Record<CommandKey, Json> = {
  'register-result': {
    institutionCode: '21PA',
    resultSequence: '2026000123',
    person: { bsn: '123456782' },
    programme,
    examDate: '2026-07-03',
    studyMode: 'full-time',
  },
  'correct-result': { institutionCode: '21PA', resultSequence: '2026000123', studyMode: 'dual' },
  'delete-result': {
    institutionCode: '21PA',
    resultSequence: '2026000123',
    reason: 'other',
    explanation: 'typo',
  },
  'report-fraud': {
    institutionCode: '21PA',
    resultSequence: '2026000123',
    explanation: 'plagiarism',
  },
};

describe('commandJsonSchema', () => {
  it.each(Object.values(CommandKeys))('compiles for %s and accepts a valid command', (command) => {
    const validate = compile(commandJsonSchema(command));
    expect(validate(validCommands[command])).toBe(true);
  });

  it.each([
    ['register-result', 'institutionCode'],
    ['register-result', 'resultSequence'],
    ['register-result', 'person'],
    ['register-result', 'programme'],
    ['register-result', 'programme.level'],
    ['register-result', 'examDate'],
    ['register-result', 'studyMode'],
    ['correct-result', 'resultSequence'],
    ['delete-result', 'reason'],
    ['report-fraud', 'explanation'],
  ] as [CommandKey, string][])('rejects a %s command without %s', (command, path) => {
    expect(compile(commandJsonSchema(command))(without(validCommands[command], path))).toBe(false);
  });

  it.each([
    ['register-result', { institutionCode: '21pa' }],
    ['register-result', { resultSequence: 'ABCDEFGHIJ01234567890' }],
    ['register-result', { studyMode: 'evening' }],
    ['delete-result', { reason: 'fraud' }],
    ['delete-result', { explanation: 'x'.repeat(1001) }],
    ['report-fraud', { explanation: '' }],
  ] as [CommandKey, Json][])('rejects a %s command with %j', (command, patch) => {
    expect(compile(commandJsonSchema(command))({ ...validCommands[command], ...patch })).toBe(
      false,
    );
  });

  it('gives each command schema its own $id', () => {
    const ids = Object.values(CommandKeys).map((c) => commandJsonSchema(c).$id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

const reply: Json = {
  commandId: 'cmd-1',
  command: 'DeleteResult',
  status: 'rejected',
  resultId: '21PA-2026000123',
  errors: [
    {
      code: 'irreversible-consequences',
      field: null,
      message: 'partners hold it',
      details: { extractsIssued: 1 },
    },
  ],
};

const delivery: Json = {
  deliveryId: '0d3c5f0e-8b1a-4f55-9c2e-1f2a3b4c5d6e',
  partnerId: 'mijnoverheid',
  kind: 'registration',
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  eventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11',
  occurredAt: at,
  result: snapshot,
};

describe('classJsonSchema', () => {
  it.each([
    ['CommandReplyV1', reply, 'commandId'],
    ['CommandReplyV1', reply, 'errors'],
    ['PartnerDeliveryV1', delivery, 'deliveryId'],
    ['PartnerDeliveryV1', delivery, 'kind'],
  ])(
    'compiles for %s, accepts a valid message and rejects one without %s',
    (className, message, missing) => {
      const validate = compile(classJsonSchema(className));
      expect(validate(message)).toBe(true);
      expect(validate(without(message, missing))).toBe(false);
    },
  );

  it('accepts a retraction delivery without result', () => {
    expect(
      compile(classJsonSchema('PartnerDeliveryV1'))({
        ...delivery,
        kind: 'retraction',
        result: undefined,
      }),
    ).toBe(true);
  });

  it('rejects a reply whose error code is unknown', () => {
    const bad = { ...reply, errors: [{ code: 'teapot', field: null, message: 'x' }] };
    expect(compile(classJsonSchema('CommandReplyV1'))(bad)).toBe(false);
  });

  it('throws for a class it has no schema of', () => {
    expect(() => classJsonSchema('NoSuchClassV1')).toThrow('no JSON Schema for NoSuchClassV1');
  });

  // CONTRACT.md's reply example always carries resultId (null when there is none).
  it('requires resultId in a reply, allowing null', () => {
    const validate = compile(classJsonSchema('CommandReplyV1'));
    expect(validate({ ...reply, resultId: null })).toBe(true);
    expect(validate(without(reply, 'resultId'))).toBe(false);
  });
});

describe('messageSchemaDefinitions', () => {
  it('holds a definition for every event data class and every command class', () => {
    const names = Object.keys(messageSchemaDefinitions());
    for (const type of eventTypes) expect(names).toContain(Events[type].data.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'RegisterResultV1',
        'CorrectResultV1',
        'DeleteResultV1',
        'ReportFraudV1',
        'EventEnvelopeV1',
      ]),
    );
  });

  it('returns the same definitions on every call', () => {
    expect(messageSchemaDefinitions()).toBe(messageSchemaDefinitions());
  });
});
