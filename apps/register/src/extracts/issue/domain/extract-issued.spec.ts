import { validateEvent } from '@rod/contracts';
import { aRecord } from '../../../results/domain/testing/records';
import type { ExtractRecord } from '../../extract-ports';
import { extractIssuedChange } from './extract-issued';

const extract: ExtractRecord = {
  extractId: '0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
  issuedAt: '2026-09-01T10:00:00.000Z',
  kid: 'key-2026',
  listNumber: 1,
  index: 4711,
};

describe('extractIssuedChange', () => {
  it.each([
    ['a first extract', aRecord({ sequence: 1 }), 2, 1],
    [
      'a further extract',
      aRecord({ sequence: 4, extracts: [{ ...extract, extractId: 'earlier' }], extractsIssued: 1 }),
      5,
      2,
    ],
    ['a result stored before extracts existed', aRecord({ extracts: undefined as never }), 2, 1],
  ])(
    '%s: ExtractIssued next in the history, the extract appended, counted',
    (_n, record, sequence, count) => {
      const change = extractIssuedChange(record, extract);
      expect(change.event).toMatchObject({
        type: 'ExtractIssued',
        sequence,
        resultId: record._id,
        institutionCode: record.institutionCode,
        occurredAt: extract.issuedAt,
        causationId: extract.extractId,
        correlationId: extract.extractId,
        data: { extractId: extract.extractId, issuedAt: extract.issuedAt },
      });
      expect(change.extracts).toHaveLength(count);
      expect(change.extracts.at(-1)).toEqual(extract);
      expect(change.extractsIssued).toBe(record.extractsIssued + 1);
      expect(validateEvent(JSON.parse(JSON.stringify(change.event))).ok).toBe(true);
    },
  );

  it('carries no person number in the event', () => {
    const change = extractIssuedChange(aRecord(), extract);
    expect(JSON.stringify(change.event)).not.toContain('123456782');
  });
});
