import { CorrectResultV1 } from './commands/correct-result.command.v1';
import { DeleteResultV1 } from './commands/delete-result.command.v1';
import { RegisterResultV1 } from './commands/register-result.command.v1';
import { ReportFraudV1 } from './commands/report-fraud.command.v1';
import type { Validated } from './validation';
import { validateEvent, validateMessage } from './validation';

type Json = Record<string, unknown>;

/** Marks a field to remove in `withValue`. */
const ABSENT = Symbol('absent');

/** A deep copy of `base` with the dotted `path` set to `value` (or removed). */
function withValue(base: Json, path: string, value: unknown): Json {
  const copy = structuredClone(base);
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target: Json = copy;
  for (const key of keys) target = target[key] as Json;
  if (value === ABSENT) delete target[last];
  else target[last] = value;
  return copy;
}

function errorFields<T>(result: Validated<T>): (string | null)[] {
  return result.ok ? [] : result.errors.map((e) => e.field);
}

/** Asserts a rejection: every error is a validation error, and one names `field`. */
function expectRejectedOn<T>(result: Validated<T>, field: string | null): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(error.code).toBe('validation');
    expect(typeof error.message).toBe('string');
  }
  expect(errorFields(result)).toContain(field);
}

// "Now" is 2026-07-03T22:30Z: already 2026-07-04 in Amsterdam (summer time, UTC+2).
const NOW = new Date('2026-07-03T22:30:00.000Z');

beforeAll(() => {
  jest.useFakeTimers({ now: NOW });
});

afterAll(() => {
  jest.useRealTimers();
});

const register: Json = {
  institutionCode: '21PA',
  resultSequence: '2026000123',
  person: { bsn: '123456782' },
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-07-03',
  studyMode: 'full-time',
};

describe('validateMessage(RegisterResultV1)', () => {
  it('accepts the contract example and returns a plain copy of it', () => {
    const result = validateMessage(RegisterResultV1, register);
    expect(result).toEqual({ ok: true, value: register });
    if (result.ok) {
      expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
      expect(result.value).not.toBe(register);
    }
  });

  it.each([
    ['a BRIN code of other digits and letters', 'institutionCode', '00AZ'],
    ['a one-character result sequence', 'resultSequence', 'A'],
    ['a 20-character result sequence', 'resultSequence', 'ABCDEFGHIJ0123456789'],
    ['a result sequence with lower-case letters', 'resultSequence', 'abc123'],
    ['an education number instead of a BSN', 'person', { educationNumber: '100087109' }],
    ['another valid BSN', 'person', { bsn: '111222333' }],
    ['a WO master', 'programme', { crohoCode: '66550', level: 'WO', examType: 'master' }],
    ['a WO propedeuse', 'programme', { crohoCode: '56551', level: 'WO', examType: 'propedeuse' }],
    [
      'an HBO associate degree',
      'programme',
      { crohoCode: '80000', level: 'HBO', examType: 'associate-degree' },
    ],
    ['an exam date of 1 January 1950', 'examDate', '1950-01-01'],
    ['an exam date of 29 February in a leap year', 'examDate', '2024-02-29'],
    [
      'an exam date of today in Amsterdam, while it is still yesterday in UTC',
      'examDate',
      '2026-07-04',
    ],
    ['part-time study', 'studyMode', 'part-time'],
    ['dual study', 'studyMode', 'dual'],
  ])('accepts %s', (_name, path, value) => {
    const result = validateMessage(RegisterResultV1, withValue(register, path, value));
    expect(result.ok).toBe(true);
  });

  it.each([
    // BRIN code: two digits and two capital letters
    ['a BRIN code in lower case', 'institutionCode', '21pa', 'institutionCode'],
    ['a BRIN code with one digit', 'institutionCode', '2PAA', 'institutionCode'],
    ['a BRIN code of five characters', 'institutionCode', '21PAX', 'institutionCode'],
    ['a BRIN code with letters first', 'institutionCode', 'PA21', 'institutionCode'],
    ['a BRIN code that is a number', 'institutionCode', 2100, 'institutionCode'],
    ['a missing institution code', 'institutionCode', ABSENT, 'institutionCode'],
    // resultSequence: 1-20 letters or digits
    ['an empty result sequence', 'resultSequence', '', 'resultSequence'],
    ['a 21-character result sequence', 'resultSequence', 'ABCDEFGHIJ01234567890', 'resultSequence'],
    ['a result sequence with a dash', 'resultSequence', '2026-000123', 'resultSequence'],
    ['a result sequence with a space', 'resultSequence', '2026 000123', 'resultSequence'],
    ['a result sequence with an accented letter', 'resultSequence', 'résultat1', 'resultSequence'],
    ['a result sequence that is a number', 'resultSequence', 2026000123, 'resultSequence'],
    ['a missing result sequence', 'resultSequence', ABSENT, 'resultSequence'],
    // person: BSN 11-check, education number check, exactly one of them
    ['a BSN whose 11-check fails', 'person.bsn', '123456781', 'person.bsn'],
    ['an all-zeros BSN', 'person.bsn', '000000000', 'person.bsn'],
    ['a BSN of 8 digits', 'person.bsn', '12345678', 'person.bsn'],
    ['a BSN of 10 digits', 'person.bsn', '1234567820', 'person.bsn'],
    ['a BSN that is a number', 'person.bsn', 123456782, 'person.bsn'],
    ['an empty BSN', 'person.bsn', '', 'person.bsn'],
    [
      'an education number whose check fails',
      'person',
      { educationNumber: '100087108' },
      'person.educationNumber',
    ],
    [
      'an education number not starting with 10',
      'person',
      { educationNumber: '200087109' },
      'person.educationNumber',
    ],
    [
      'a valid BSN given as education number',
      'person',
      { educationNumber: '123456782' },
      'person.educationNumber',
    ],
    ['a person with neither BSN nor education number', 'person', {}, 'person'],
    [
      'a person with both BSN and education number',
      'person',
      { bsn: '123456782', educationNumber: '100087109' },
      'person',
    ],
    ['a missing person', 'person', ABSENT, 'person'],
    ['a person that is null', 'person', null, 'person'],
    ['a person that is a string', 'person', '123456782', 'person'],
    ['a person that is an array', 'person', [], 'person'],
    ['a person that is an array holding a person', 'person', [{ bsn: '123456782' }], 'person'],
    // programme
    ['a CROHO code of 4 digits', 'programme.crohoCode', '3447', 'programme.crohoCode'],
    ['a CROHO code of 6 digits', 'programme.crohoCode', '344790', 'programme.crohoCode'],
    ['a CROHO code with a letter', 'programme.crohoCode', 'A4479', 'programme.crohoCode'],
    ['a CROHO code that is a number', 'programme.crohoCode', 34479, 'programme.crohoCode'],
    ['a missing CROHO code', 'programme.crohoCode', ABSENT, 'programme.crohoCode'],
    ['the level MBO', 'programme.level', 'MBO', 'programme.level'],
    ['the level in lower case', 'programme.level', 'hbo', 'programme.level'],
    ['a missing level', 'programme.level', ABSENT, 'programme.level'],
    ['the exam type doctorate', 'programme.examType', 'doctorate', 'programme.examType'],
    ['a missing exam type', 'programme.examType', ABSENT, 'programme.examType'],
    [
      'a WO associate degree',
      'programme',
      { crohoCode: '80000', level: 'WO', examType: 'associate-degree' },
      'programme',
    ],
    ['a programme that is a string', 'programme', '34479', 'programme'],
    ['a programme that is null', 'programme', null, 'programme'],
    // examDate: a real date, not before 1950, not in the future in Amsterdam
    ['29 February of a common year', 'examDate', '2023-02-29', 'examDate'],
    ['31 April', 'examDate', '2026-04-31', 'examDate'],
    ['an exam date before 1950', 'examDate', '1949-12-31', 'examDate'],
    ['an exam date tomorrow in Amsterdam', 'examDate', '2026-07-05', 'examDate'],
    ['an exam date far in the future', 'examDate', '2100-01-01', 'examDate'],
    ['an exam date written day first', 'examDate', '03-07-2026', 'examDate'],
    ['an exam date with a time', 'examDate', '2026-07-03T10:00:00Z', 'examDate'],
    ['an exam date that is a number', 'examDate', 20260703, 'examDate'],
    ['a missing exam date', 'examDate', ABSENT, 'examDate'],
    // studyMode
    ['the study mode evening', 'studyMode', 'evening', 'studyMode'],
    ['the study mode in upper case', 'studyMode', 'FULL-TIME', 'studyMode'],
    ['a missing study mode', 'studyMode', ABSENT, 'studyMode'],
    // unknown fields, at any depth
    ['an unknown top-level field', 'grade', 8, 'grade'],
    ['an unknown field in person', 'person.name', 'Jan', 'person.name'],
    ['an unknown field in programme', 'programme.name', 'Verpleegkunde', 'programme.name'],
  ])('rejects %s, naming the field', (_name, path, value, field) => {
    expectRejectedOn(validateMessage(RegisterResultV1, withValue(register, path, value)), field);
  });

  it('explains an unknown field as not a known field', () => {
    const result = validateMessage(RegisterResultV1, { ...register, grade: 8 });
    expect(result).toEqual({
      ok: false,
      errors: [{ code: 'validation', field: 'grade', message: 'grade is not a known field' }],
    });
  });

  it.each([
    ['a $-key at the top level', '{"$where": "1"}', '$where'],
    ['a $-key as the whole person', '{"person": {"$gt": ""}}', 'person.$gt'],
    ['a $-key beside a valid BSN', '{"person": {"bsn": "123456782", "$ne": null}}', 'person.$ne'],
    [
      'a $-key in programme',
      '{"programme": {"crohoCode": {"$regex": ".*"}, "level": "HBO", "examType": "bachelor"}}',
      'programme.crohoCode.$regex',
    ],
    ['a __proto__ key at the top level', '{"__proto__": {"isAdmin": true}}', '__proto__'],
    [
      'a __proto__ key in person',
      '{"person": {"__proto__": {"bsn": "123456782"}}}',
      'person.__proto__',
    ],
    ['a constructor key', '{"constructor": {"prototype": {}}}', 'constructor'],
    ['a prototype key in programme', '{"programme": {"prototype": {}}}', 'programme.prototype'],
    ['a key with a dot', '{"person.bsn": "123456782"}', 'person.bsn'],
  ])('refuses %s', (_name, json, field) => {
    const body = { ...register, ...(JSON.parse(json) as Json) };
    const result = validateMessage(RegisterResultV1, body);
    expect(result).toEqual({
      ok: false,
      errors: [{ code: 'validation', field, message: `${field} is not an allowed field name` }],
    });
  });

  it('refuses a forbidden key inside an array', () => {
    const result = validateMessage(RegisterResultV1, {
      ...register,
      grade: [{ ok: 1 }, { $set: 1 }],
    });
    expectRejectedOn(result, 'grade[1].$set');
  });

  it('does not pollute Object.prototype when given a __proto__ key', () => {
    validateMessage(RegisterResultV1, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(({} as Json).polluted).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['an array', [register]],
    ['a string', JSON.stringify(register)],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects a body that is %s as a whole, as malformed', (_name, body) => {
    expect(validateMessage(RegisterResultV1, body)).toEqual({
      ok: false,
      errors: [{ code: 'malformed-message', field: null, message: 'must be a JSON object' }],
    });
  });

  it('rejects a nested value that is no object as a wrong field value', () => {
    expect(validateMessage(RegisterResultV1, 7, 'lines[3]')).toEqual({
      ok: false,
      errors: [{ code: 'validation', field: 'lines[3]', message: 'must be a JSON object' }],
    });
  });

  it('prefixes fields with the field prefix it is given', () => {
    const result = validateMessage(
      RegisterResultV1,
      withValue(register, 'person.bsn', '123456781'),
      'body',
    );
    expectRejectedOn(result, 'body.person.bsn');
  });

  it('reports every bad field of a command, not only the first', () => {
    const body = withValue(withValue(register, 'institutionCode', 'x'), 'studyMode', 'x');
    const fields = errorFields(validateMessage(RegisterResultV1, body));
    expect(fields).toEqual(expect.arrayContaining(['institutionCode', 'studyMode']));
  });
});

describe('validateMessage(RegisterResultV1) on the programme object itself', () => {
  // DOMAIN.md: programme is a required object { crohoCode, level, examType }. class-validator's
  // ValidateNested skips an undefined value and validates each element of an array, so a
  // missing programme or an array of programmes slips through unless something else checks it.
  it.each([
    ['missing', ABSENT],
    ['an empty array', []],
    [
      'an array holding a valid programme',
      [{ crohoCode: '34479', level: 'HBO', examType: 'bachelor' }],
    ],
  ])('rejects a programme that is %s', (_name, programme) => {
    expectRejectedOn(
      validateMessage(RegisterResultV1, withValue(register, 'programme', programme)),
      'programme',
    );
  });
});

const remove: Json = {
  institutionCode: '21PA',
  resultSequence: '2026000123',
  reason: 'administrative-error',
};

describe('validateMessage(DeleteResultV1)', () => {
  it.each([
    ['administrative-error', {}],
    ['registered-too-early', {}],
    ['student-request-extra-courses', {}],
    ['student-request-grade-improvement', {}],
    ['duplicate', {}],
    ['duplicate', { explanation: 'registered twice under two numbers' }],
    ['other', { explanation: 'the student asked for a new sequence number' }],
    ['other', { explanation: 'x'.repeat(1000) }],
    ['administrative-error', { acknowledgeIrreversible: true }],
    ['administrative-error', { acknowledgeIrreversible: false }],
  ])('accepts the reason %s with %j', (reason, extra) => {
    expect(validateMessage(DeleteResultV1, { ...remove, reason, ...extra }).ok).toBe(true);
  });

  it.each([
    ['the reason fraud, which only the helpdesk may give', { reason: 'fraud' }, 'reason'],
    ['an unknown reason', { reason: 'changed-my-mind' }, 'reason'],
    ['a missing reason', { reason: undefined }, 'reason'],
    ['the reason other without an explanation', { reason: 'other' }, 'explanation'],
    [
      'the reason other with an empty explanation',
      { reason: 'other', explanation: '' },
      'explanation',
    ],
    [
      'an explanation of 1001 characters',
      { reason: 'other', explanation: 'x'.repeat(1001) },
      'explanation',
    ],
    ['a long explanation for another reason', { explanation: 'x'.repeat(1001) }, 'explanation'],
    ['an explanation that is a number', { explanation: 42 }, 'explanation'],
    ['an explanation that is null', { explanation: null }, 'explanation'],
    [
      'an acknowledgement given as a string',
      { acknowledgeIrreversible: 'true' },
      'acknowledgeIrreversible',
    ],
    ['an acknowledgement given as 1', { acknowledgeIrreversible: 1 }, 'acknowledgeIrreversible'],
    ['a bad BRIN code', { institutionCode: '21-PA' }, 'institutionCode'],
    ['a bad result sequence', { resultSequence: '' }, 'resultSequence'],
    ['an unknown field', { force: true }, 'force'],
  ])('rejects %s', (_name, patch, field) => {
    const body = JSON.parse(JSON.stringify({ ...remove, ...patch })) as Json;
    expectRejectedOn(validateMessage(DeleteResultV1, body), field);
  });

  it('refuses a $-key in the explanation', () => {
    const result = validateMessage(DeleteResultV1, { ...remove, explanation: { $gt: '' } });
    expectRejectedOn(result, 'explanation.$gt');
  });
});

const correct: Json = { institutionCode: '21PA', resultSequence: '2026000123' };

describe('validateMessage(CorrectResultV1)', () => {
  it.each([
    ['only its identity', {}],
    ['a new BSN', { person: { bsn: '111222333' } }],
    ['an education number', { person: { educationNumber: '100221732' } }],
    [
      'a new programme',
      { programme: { crohoCode: '34566', level: 'HBO', examType: 'propedeuse' } },
    ],
    ['a new exam date', { examDate: '2026-06-30' }],
    ['a new study mode', { studyMode: 'dual' }],
    [
      'every field at once',
      {
        person: { bsn: '123456782' },
        programme: { crohoCode: '34479', level: 'HBO', examType: 'associate-degree' },
        examDate: '2026-07-04',
        studyMode: 'part-time',
      },
    ],
  ])('accepts a correction with %s', (_name, patch) => {
    const body = { ...correct, ...patch };
    expect(validateMessage(CorrectResultV1, body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['no institution code', { institutionCode: undefined }, 'institutionCode'],
    ['no result sequence', { resultSequence: undefined }, 'resultSequence'],
    ['a bad BRIN code', { institutionCode: '21P' }, 'institutionCode'],
    [
      'a person with both numbers',
      { person: { bsn: '123456782', educationNumber: '100087109' } },
      'person',
    ],
    ['a person with neither number', { person: {} }, 'person'],
    ['a BSN whose 11-check fails', { person: { bsn: '123456789' } }, 'person.bsn'],
    ['an incomplete programme', { programme: { crohoCode: '34479' } }, 'programme.level'],
    [
      'a WO associate degree',
      { programme: { crohoCode: '34479', level: 'WO', examType: 'associate-degree' } },
      'programme',
    ],
    ['an exam date in the future', { examDate: '2026-07-05' }, 'examDate'],
    ['an exam date before 1950', { examDate: '1949-12-31' }, 'examDate'],
    ['29 February of a common year', { examDate: '2023-02-29' }, 'examDate'],
    ['an unknown study mode', { studyMode: 'remote' }, 'studyMode'],
    ['an unknown field', { status: 'deleted' }, 'status'],
  ])('rejects a correction with %s', (_name, patch, field) => {
    const body = JSON.parse(JSON.stringify({ ...correct, ...patch })) as Json;
    expectRejectedOn(validateMessage(CorrectResultV1, body), field);
  });
});

describe('validateMessage(CorrectResultV1) with null values', () => {
  // CONTRACT.md: the optional fields of correct-result are "new values"; null is no value
  // of any of them. IsOptional lets null through and the returned value keeps it, so a
  // correction { person: null } would reach the use case as "set person to null".
  it.each([['person'], ['programme'], ['examDate'], ['studyMode']])(
    'rejects a correction that sets %s to null',
    (field) => {
      expectRejectedOn(validateMessage(CorrectResultV1, { ...correct, [field]: null }), field);
    },
  );
});

const fraud: Json = {
  institutionCode: '21PA',
  resultSequence: '2026000123',
  explanation: 'thesis plagiarised',
};

describe('validateMessage(ReportFraudV1)', () => {
  it.each([
    ['a short explanation', 'x'],
    ['an explanation of 1000 characters', 'x'.repeat(1000)],
  ])('accepts a report with %s', (_name, explanation) => {
    expect(validateMessage(ReportFraudV1, { ...fraud, explanation }).ok).toBe(true);
  });

  it.each([
    ['no explanation', { explanation: undefined }, 'explanation'],
    ['an empty explanation', { explanation: '' }, 'explanation'],
    ['an explanation of 1001 characters', { explanation: 'x'.repeat(1001) }, 'explanation'],
    ['an explanation that is a number', { explanation: 1 }, 'explanation'],
    ['a bad BRIN code', { institutionCode: '21pa' }, 'institutionCode'],
    ['no result sequence', { resultSequence: undefined }, 'resultSequence'],
    ['an unknown field', { reason: 'fraud' }, 'reason'],
  ])('rejects a report with %s', (_name, patch, field) => {
    const body = JSON.parse(JSON.stringify({ ...fraud, ...patch })) as Json;
    expectRejectedOn(validateMessage(ReportFraudV1, body), field);
  });
});

const registered: Json = {
  eventId: '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11',
  type: 'ResultRegistered',
  schemaVersion: 1,
  occurredAt: '2026-07-04T09:12:00.000Z',
  producer: 'register',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  sequence: 1,
  data: {
    resultSequence: '2026000123',
    person: { bsn: '123456782' },
    programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    examDate: '2026-07-03',
    studyMode: 'full-time',
    registeredAt: '2026-07-04T09:12:00.000Z',
    late: false,
  },
};

describe('validateEvent', () => {
  it('accepts a well-formed ResultRegistered envelope', () => {
    expect(validateEvent(registered)).toEqual({ ok: true, value: registered });
  });

  it('accepts an OverviewPublished envelope whose resultId and institutionCode are null', () => {
    const event = {
      ...registered,
      type: 'OverviewPublished',
      producer: 'reporting',
      resultId: null,
      institutionCode: null,
      sequence: 0,
      data: {
        period: '2026-11',
        from: '2026-05-01',
        to: '2026-11-01',
        institutions: 3,
        generatedAt: '2026-11-01T01:00:00.000Z',
      },
    };
    expect(validateEvent(event).ok).toBe(true);
  });

  it.each([
    ['an unknown type', 'type', 'ResultExploded', 'type'],
    ['a type that is a prototype member', 'type', 'toString', 'type'],
    ['an eventId that is no UUID', 'eventId', 'event-1', 'eventId'],
    ['a missing eventId', 'eventId', ABSENT, 'eventId'],
    ['schema version 2', 'schemaVersion', 2, 'schemaVersion'],
    ['an occurredAt that is no timestamp', 'occurredAt', 'yesterday', 'occurredAt'],
    ['an unknown producer', 'producer', 'helpdesk', 'producer'],
    ['a negative sequence', 'sequence', -1, 'sequence'],
    ['a fractional sequence', 'sequence', 1.5, 'sequence'],
    ['a sequence given as a string', 'sequence', '1', 'sequence'],
    ['a resultId that is a number', 'resultId', 7, 'resultId'],
    ['an unknown envelope field', 'priority', 'high', 'priority'],
    ['data that is null', 'data', null, 'data'],
    ['data that is missing', 'data', ABSENT, 'data'],
    ['data without registeredAt', 'data.registeredAt', ABSENT, 'data.registeredAt'],
    ['data whose late flag is a string', 'data.late', 'no', 'data.late'],
    ['data whose BSN fails the 11-check', 'data.person.bsn', '123456781', 'data.person.bsn'],
    ['data with an unknown field', 'data.grade', 8, 'data.grade'],
    ['data with a $-key', 'data.person', { $gt: '' }, 'data.person.$gt'],
  ])('rejects an envelope with %s', (_name, path, value, field) => {
    expectRejectedOn(validateEvent(withValue(registered, path, value)), field);
  });

  // The nested objects of event data are required by CONTRACT.md; ValidateNested alone
  // lets an absent one through.
  it.each([
    [
      'ResultRegistered',
      'data without programme',
      withValue(registered, 'data.programme', ABSENT),
      'data.programme',
    ],
    [
      'ResultCorrected',
      'data without result',
      { ...registered, type: 'ResultCorrected', sequence: 2, data: { changed: ['studyMode'] } },
      'data.result',
    ],
    [
      'ResultDeleted',
      'data without consequences and programme',
      {
        ...registered,
        type: 'ResultDeleted',
        sequence: 2,
        data: {
          reason: 'duplicate',
          deletedAt: '2026-07-05T09:00:00.000Z',
          deletedBy: 'institution',
          acknowledgedIrreversible: false,
          registeredAt: '2026-07-04T09:12:00.000Z',
        },
      },
      'data.consequences',
    ],
  ])('rejects a %s envelope with %s', (_type, _name, event, field) => {
    expectRejectedOn(validateEvent(event), field);
  });

  it('does not re-check the exam date of an event against today', () => {
    expect(validateEvent(withValue(registered, 'data.examDate', '2027-01-01')).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', [registered]],
    ['a string', 'ResultRegistered'],
  ])('rejects an event that is %s as malformed', (_name, body) => {
    expect(validateEvent(body)).toEqual({
      ok: false,
      errors: [{ code: 'malformed-message', field: null, message: 'must be a JSON object' }],
    });
  });
});
