import { aRecord } from '../../../results/domain/testing/records';
import type { ResultRecord } from '../../../results/domain/result-state';
import type { ExtractRecord } from '../../extract-ports';
import { MAX_EXTRACTS_PER_RESULT, decideExtractIssue } from './issue-extract.decision';

const RESULT_ID = '21PA-2026000123';
const BSN = '123456782';
const EDUCATION_NUMBER = '101234567';

const anExtract = (i: number): ExtractRecord => ({
  extractId: `e-${i}`,
  issuedAt: '2026-09-01T10:00:00.000Z',
  kid: 'k1',
  listNumber: 1,
  index: i,
});

const withEducationNumber = aRecord({
  fields: { ...aRecord().fields, person: { educationNumber: EDUCATION_NUMBER } },
});

describe('decideExtractIssue', () => {
  it.each<[string, string, ResultRecord | null, string]>([
    ['their own registered result (BSN)', BSN, aRecord(), 'allowed'],
    ['their own result (education number)', EDUCATION_NUMBER, withEducationNumber, 'allowed'],
    [
      'their own result with extracts issued before',
      BSN,
      aRecord({ extracts: [anExtract(1)], extractsIssued: 1 }),
      'allowed',
    ],
    [
      'a result stored before extracts existed',
      BSN,
      aRecord({ extracts: undefined as never }),
      'allowed',
    ],
    ['another student’s result', '999999990', aRecord(), 'unknown-result'],
    [
      'a result with an education number, asked by a BSN',
      BSN,
      withEducationNumber,
      'unknown-result',
    ],
    ['an unknown result', BSN, null, 'unknown-result'],
    ['their own suspended result', BSN, aRecord({ status: 'suspended' }), 'invalid-state'],
    ['their own deleted result', BSN, aRecord({ status: 'deleted' }), 'invalid-state'],
    [
      `their own result with ${MAX_EXTRACTS_PER_RESULT} extracts`,
      BSN,
      aRecord({
        extracts: Array.from({ length: MAX_EXTRACTS_PER_RESULT }, (_, i) => anExtract(i)),
      }),
      'too-many-extracts',
    ],
  ])('a student asking for an extract of %s: %s', (_name, student, record, expected) => {
    const decision = decideExtractIssue(student, RESULT_ID, record);
    expect(decision.kind === 'allowed' ? 'allowed' : decision.code).toBe(expected);
  });

  it('answers another student’s result exactly as an unknown one, so results cannot be probed', () => {
    expect(decideExtractIssue('999999990', RESULT_ID, aRecord())).toEqual(
      decideExtractIssue('999999990', RESULT_ID, null),
    );
  });

  it('allows with the record it was given', () => {
    const record = aRecord();
    expect(decideExtractIssue(BSN, RESULT_ID, record)).toEqual({ kind: 'allowed', record });
  });

  it('never names the person number in a refusal', () => {
    const refusal = decideExtractIssue(BSN, RESULT_ID, aRecord({ status: 'suspended' }));
    expect(JSON.stringify(refusal)).not.toContain(BSN);
  });
});
