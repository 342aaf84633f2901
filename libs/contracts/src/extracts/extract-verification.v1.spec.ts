import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { classJsonSchema, openApiComponentSchemas } from '../json-schemas';
import { validateMessage } from '../validation';
import {
  ExtractVerificationRequestV1,
  ExtractVerificationV1,
  MAX_CREDENTIAL_LENGTH,
} from './extract-verification.v1';

const result = {
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  resultSequence: '2026000123',
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-07-03',
  studyMode: 'full-time',
  registeredAt: '2026-07-04T09:12:00.000Z',
};

describe('ExtractVerificationRequestV1', () => {
  it.each([
    ['a compact JWT', { credential: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln' }],
    ['any text (the verifier answers invalid)', { credential: 'hello' }],
    ['the longest credential', { credential: 'x'.repeat(MAX_CREDENTIAL_LENGTH) }],
  ])('accepts %s', (_name, body) => {
    expect(validateMessage(ExtractVerificationRequestV1, body)).toMatchObject({ ok: true });
  });

  it.each([
    ['no credential', {}, 'credential'],
    ['an empty credential', { credential: '' }, 'credential'],
    ['a number', { credential: 42 }, 'credential'],
    ['an object', { credential: { jwt: 'x' } }, 'credential'],
    ['a credential too long', { credential: 'x'.repeat(MAX_CREDENTIAL_LENGTH + 1) }, 'credential'],
    ['another field', { credential: 'x', person: '123456782' }, 'person'],
  ])('refuses %s', (_name, body, field) => {
    const validated = validateMessage(ExtractVerificationRequestV1, body);
    expect(validated.ok).toBe(false);
    expect(validated.ok ? [] : validated.errors.map((e) => e.field)).toContain(field);
  });
});

describe('ExtractVerificationV1', () => {
  const validate = (() => {
    const ajv = new Ajv({ allErrors: true });
    addFormats(ajv);
    return ajv.compile(classJsonSchema('ExtractVerificationV1'));
  })();

  it.each([
    ['valid', { status: 'valid', result }],
    ['revoked with a reason', { status: 'revoked', result, reason: 'revoked' }],
    ['suspended', { status: 'suspended', result, reason: 'for now' }],
    ['invalid without a result', { status: 'invalid', reason: 'forged' }],
  ])('describes an answer %s, by class and by JSON Schema', (_name, answer) => {
    expect(validateMessage(ExtractVerificationV1, answer)).toMatchObject({ ok: true });
    expect(validate(answer)).toBe(true);
  });

  it.each([
    ['an unknown status', { status: 'expired' }],
    ['a result with the person number', { status: 'valid', result: { ...result, person: {} } }],
  ])('refuses %s', (_name, answer) => {
    expect(validateMessage(ExtractVerificationV1, answer).ok).toBe(false);
  });

  it('is among the OpenAPI schemas of /docs, with its request', () => {
    expect(Object.keys(openApiComponentSchemas())).toEqual(
      expect.arrayContaining([
        'ExtractVerificationRequestV1',
        'ExtractVerificationV1',
        'VerifiedResultV1',
      ]),
    );
  });
});
