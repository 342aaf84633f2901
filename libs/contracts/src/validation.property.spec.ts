import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { CommandClasses } from './commands/commands';
import { FraudDecisionV1 } from './commands/fraud-decision.v1';
import { commandJsonSchema } from './json-schemas';
import type { CommandKey } from './topology';
import { validateEvent, validateMessage } from './validation';
import {
  ExamTypes,
  InstitutionDeletionReasons,
  ProgrammeLevels,
  StudyModes,
} from './values/domain-values';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 200 };

type Json = Record<string, unknown>;

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const withCheckDigit = (first8: string, remainder: number): string | null => {
  const sum = [...first8].reduce((acc, d, i) => acc + (9 - i) * Number(d), 0);
  const last = (((sum - remainder) % 11) + 11) % 11;
  return last > 9 ? null : `${first8}${last}`;
};
const bsn = digits(8)
  .map((d) => withCheckDigit(d, 0))
  .filter((v): v is string => v !== null && v !== '000000000');
const educationNumber = digits(6)
  .map((d) => withCheckDigit(`10${d}`, 5))
  .filter((v): v is string => v !== null);

const institutionCode = fc.stringMatching(/^[0-9]{2}[A-Z]{2}$/);
const resultSequence = fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
const person = fc.oneof(
  bsn.map((v) => ({ bsn: v })),
  educationNumber.map((v) => ({ educationNumber: v })),
);
const programme = fc
  .record({
    crohoCode: digits(5),
    level: fc.constantFrom(...ProgrammeLevels),
    examType: fc.constantFrom(...ExamTypes),
  })
  .filter((p) => !(p.examType === 'associate-degree' && p.level !== 'HBO'));
/** From 1950 up to a day that has passed wherever the tests run. */
const examDate = fc
  .integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2026, 10, 1) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const studyMode = fc.constantFrom(...StudyModes);
const text = fc.string({ minLength: 1, maxLength: 1000 }).filter((s) => s.length > 0);

/** Valid bodies of every command (CONTRACT.md), with the fields each may leave out. */
const validCommands: Record<CommandKey, fc.Arbitrary<Json>> = {
  'register-result': fc.record({
    institutionCode,
    resultSequence,
    person,
    programme,
    examDate,
    studyMode,
  }),
  'correct-result': fc.record(
    { institutionCode, resultSequence, person, programme, examDate, studyMode },
    { requiredKeys: ['institutionCode', 'resultSequence'] },
  ),
  'delete-result': fc
    .record(
      {
        institutionCode,
        resultSequence,
        reason: fc.constantFrom(...InstitutionDeletionReasons),
        explanation: text,
        acknowledgeIrreversible: fc.boolean(),
      },
      { requiredKeys: ['institutionCode', 'resultSequence', 'reason'] },
    )
    .filter((c) => c.reason !== 'other' || c.explanation !== undefined),
  'report-fraud': fc.record({ institutionCode, resultSequence, explanation: text }),
};
const REQUIRED: Record<CommandKey, string[]> = {
  'register-result': [
    'institutionCode',
    'resultSequence',
    'person',
    'programme',
    'examDate',
    'studyMode',
  ],
  'correct-result': ['institutionCode', 'resultSequence'],
  'delete-result': ['institutionCode', 'resultSequence', 'reason'],
  'report-fraud': ['institutionCode', 'resultSequence', 'explanation'],
};
const keys = Object.keys(validCommands) as CommandKey[];

/** A field's value replaced by a value of another JSON type. */
const wrongType = (current: unknown) =>
  fc
    .oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constant({}),
      fc.string(),
    )
    .filter((v) => typeof v !== typeof current || (v === null) !== (current === null));

const fieldsOf = (error: { field: string | null }[]) => error.map((e) => e.field);
/** The error names the field itself or something inside it (`person.bsn`, `extra[0]`). */
const namesField = (field: string) => (errors: { field: string | null }[]) =>
  fieldsOf(errors).some(
    (f) => f === field || (f ?? '').startsWith(`${field}.`) || (f ?? '').startsWith(`${field}[`),
  );

describe.each(keys)('validateMessage of %s (properties)', (key) => {
  const cls = CommandClasses[key];

  it('accepts every valid command and returns it unchanged (serialise → parse → validate)', () => {
    fc.assert(
      fc.property(validCommands[key], (command) => {
        const parsed: unknown = JSON.parse(JSON.stringify(command));
        const result = validateMessage(cls, parsed);
        expect(result).toEqual({ ok: true, value: command });
      }),
      RUNS,
    );
  });

  it('rejects a command without a required field, naming the field', () => {
    fc.assert(
      fc.property(validCommands[key], fc.constantFrom(...REQUIRED[key]), (command, field) => {
        const { [field]: _dropped, ...rest } = command;
        const result = validateMessage(cls, rest);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(namesField(field)(result.errors)).toBe(true);
      }),
      RUNS,
    );
  });

  it('rejects a command with an unknown field, naming it', () => {
    fc.assert(
      fc.property(
        validCommands[key],
        fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/),
        fc.jsonValue(),
        (command, extra, value) => {
          fc.pre(!(extra in command) && !['person', 'programme', 'explanation'].includes(extra));
          fc.pre(!['examDate', 'studyMode', 'acknowledgeIrreversible'].includes(extra));
          const result = validateMessage(cls, { ...command, [extra]: value });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(namesField(extra)(result.errors)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('rejects a present field with a value of the wrong JSON type, naming the field', () => {
    const withField = validCommands[key].chain((command) =>
      fc
        .constantFrom(...Object.keys(command))
        .chain((field) => wrongType(command[field]).map((value) => ({ command, field, value }))),
    );
    fc.assert(
      fc.property(withField, ({ command, field, value }) => {
        // A string that happens to be valid where a string is expected is no wrong type;
        // an optional field that is null counts as absent (class-validator's @IsOptional).
        fc.pre(typeof value !== 'string' || typeof command[field] !== 'string');
        fc.pre(!(field === 'acknowledgeIrreversible' && value === null));
        const result = validateMessage(cls, { ...command, [field]: value });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(namesField(field)(result.errors)).toBe(true);
      }),
      RUNS,
    );
  });

  it('rejects operator and prototype keys anywhere, naming where', () => {
    fc.assert(
      fc.property(
        validCommands[key],
        fc.constantFrom('$ne', '$gt', '$where', 'a.b', '__proto__', 'constructor'),
        fc.constantFrom(...REQUIRED[key]),
        (command, bad, field) => {
          const value = JSON.parse(`{${JSON.stringify(bad)}: null}`) as Json;
          const result = validateMessage(cls, { ...command, [field]: value });
          expect(result.ok).toBe(false);
          if (!result.ok) expect(namesField(field)(result.errors)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('answers, never throws, for any value at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (value) => {
        const result = validateMessage(cls, value);
        expect(typeof result.ok).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('answers, never throws, for a valid command with any value in any field', () => {
    fc.assert(
      fc.property(
        validCommands[key],
        fc.constantFrom(...REQUIRED[key], 'person', 'programme'),
        fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }),
        (command, field, value) => {
          const result = validateMessage(cls, { ...command, [field]: value });
          if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });
});

describe('single-rule mutations of a registration (properties)', () => {
  type Mutation = [string, string, fc.Arbitrary<(c: Json) => Json>];
  const set =
    (field: string) =>
    (value: unknown) =>
    (c: Json): Json => ({ ...c, [field]: value });
  const setInProgramme =
    (change: Json) =>
    (c: Json): Json => ({ ...c, programme: { ...(c.programme as Json), ...change } });
  const mutations: Mutation[] = [
    [
      'a BSN with its check digit changed',
      'person.bsn',
      fc
        .tuple(bsn, fc.integer({ min: 1, max: 9 }))
        .map(([v, d]) => set('person')({ bsn: v.slice(0, 8) + ((Number(v[8]) + d) % 10) })),
    ],
    [
      'a BSN of the wrong length',
      'person.bsn',
      fc.oneof(digits(8), digits(10)).map((v) => set('person')({ bsn: v })),
    ],
    [
      'both a BSN and an education number',
      'person',
      fc.tuple(bsn, educationNumber).map(([b, e]) => set('person')({ bsn: b, educationNumber: e })),
    ],
    ['no personal number', 'person', fc.constant(set('person')({}))],
    [
      'a CROHO code that is not 5 digits',
      'programme.crohoCode',
      fc
        .oneof(digits(4), digits(6), fc.stringMatching(/^[0-9]{4}[a-z]$/))
        .map((v) => setInProgramme({ crohoCode: v })),
    ],
    [
      'an associate degree at WO',
      'programme',
      fc.constant(setInProgramme({ level: 'WO', examType: 'associate-degree' })),
    ],
    [
      'a BRIN code that is not two digits and two capitals',
      'institutionCode',
      fc
        .oneof(
          fc.stringMatching(/^[0-9]{2}[a-z]{2}$/),
          fc.stringMatching(/^[A-Z]{2}[0-9]{2}$/),
          fc.stringMatching(/^[0-9]{2}[A-Z]{3}$/),
        )
        .map(set('institutionCode')),
    ],
    [
      'a result sequence too long or with other characters',
      'resultSequence',
      fc
        .oneof(
          fc.stringMatching(/^[A-Za-z0-9]{21,30}$/),
          fc.constant(''),
          fc.stringMatching(/^[A-Za-z0-9]{0,5}[-_ /.][A-Za-z0-9]{0,5}$/),
        )
        .map(set('resultSequence')),
    ],
    [
      'an exam date before 1950, in the future or not a real day',
      'examDate',
      fc
        .oneof(
          fc.constantFrom('1949-12-31', '2999-01-01', '2025-02-29', '2026-13-01', '2026-7-3'),
          fc
            .integer({ min: 1, max: 3650 })
            .map((d) => new Date(Date.now() + (d + 1) * 86_400_000).toISOString().slice(0, 10)),
        )
        .map(set('examDate')),
    ],
    [
      'a study mode outside the list',
      'studyMode',
      fc
        .string()
        .filter((s) => !(StudyModes as readonly string[]).includes(s))
        .map(set('studyMode')),
    ],
  ];

  it.each(mutations)('rejects %s, naming %s', (_name, field, mutation) => {
    fc.assert(
      fc.property(validCommands['register-result'], mutation, (valid, mutate) => {
        const result = validateMessage(CommandClasses['register-result'], mutate(valid));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(namesField(field)(result.errors)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('delete-result and the helpdesk decision (properties)', () => {
  it('requires an explanation for reason other and at most 1000 characters always', () => {
    fc.assert(
      fc.property(
        validCommands['delete-result'],
        fc.oneof(fc.constant(undefined), fc.string({ minLength: 1001, maxLength: 1100 })),
        (command, explanation) => {
          const body = { ...command, reason: 'other', explanation };
          if (explanation === undefined) delete body.explanation;
          const result = validateMessage(CommandClasses['delete-result'], body);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(fieldsOf(result.errors)).toContain('explanation');
        },
      ),
      RUNS,
    );
  });

  it('accepts only confirm or dismiss with an explanation', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 1100 }), (decision, explanation) => {
        const result = validateMessage(FraudDecisionV1, { decision, explanation });
        const valid =
          ['confirm', 'dismiss'].includes(decision) &&
          explanation.length > 0 &&
          explanation.length <= 1000;
        expect(result.ok).toBe(valid);
      }),
      RUNS,
    );
  });
});

describe('validateEvent (properties)', () => {
  it('answers, never throws, for any value, including envelopes with odd data', () => {
    const envelopeLike = fc.record({
      eventId: fc.oneof(fc.uuid(), fc.string()),
      type: fc.oneof(fc.constantFrom('ResultRegistered', 'ResultDeleted', 'toString'), fc.string()),
      schemaVersion: fc.oneof(fc.constant(1), fc.anything()),
      data: fc.anything(),
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), envelopeLike), (value) => {
        expect(typeof validateEvent(value).ok).toBe('boolean');
      }),
      RUNS,
    );
  });
});

describe('JSON Schemas agree with the class validators (properties)', () => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  /** Rules no JSON Schema states: the class validators alone check these. */
  const beyondSchema = [
    /bsn must be 9 digits passing/,
    /educationNumber must be 9 digits/,
    /examDate must be a date/,
    /exactly one of bsn and educationNumber/,
    /associate-degree exists only for level HBO/,
    /explanation is required for reason other/,
    // The published schemas leave additionalProperties open (forward-compatible readers);
    // the register itself refuses fields it does not know.
    /is not a known field/,
    /is not an allowed field name/,
  ];

  /** A valid command, or one with a field dropped, added or replaced by any JSON value. */
  const mutated = (key: CommandKey) =>
    validCommands[key].chain((command) =>
      fc.oneof(
        fc.constant(command),
        fc.constantFrom(...Object.keys(command)).map((field) => {
          const { [field]: _dropped, ...rest } = command;
          return rest;
        }),
        fc
          .tuple(fc.constantFrom(...Object.keys(command), 'extra'), fc.jsonValue({ maxDepth: 2 }))
          .map(([field, value]) => ({ ...command, [field]: value })),
      ),
    );

  it.each(keys)(
    'for %s: the schema accepts what the class accepts, and rejects only for rules a schema cannot state otherwise',
    (key) => {
      const schemaValid = ajv.compile(commandJsonSchema(key));
      fc.assert(
        fc.property(mutated(key), (body) => {
          const byClass = validateMessage(CommandClasses[key], body);
          const bySchema = schemaValid(body);
          if (byClass.ok) expect(bySchema).toBe(true);
          if (bySchema && !byClass.ok) {
            // A field is explained when one of its errors is such a rule (a missing
            // explanation for `other` also fails @IsString on the same field).
            const explained = new Set(
              byClass.errors
                .filter((e) => beyondSchema.some((rule) => rule.test(e.message)))
                .map((e) => e.field),
            );
            const unexplained = byClass.errors.filter((e) => !explained.has(e.field));
            expect(unexplained).toEqual([]);
          }
        }),
        RUNS,
      );
    },
  );
});
