import { aRecord } from '../../results/domain/testing/records';
import { extractPdfInput } from './extract-pdf-input';

const extract = {
  extractId: '0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
  issuedAt: '2026-09-01T10:00:00.000Z',
  kid: 'k-1',
  listNumber: 1,
  index: 7,
};

describe('extractPdfInput', () => {
  it.each([
    ['a BSN', { bsn: '123456782' }, '123456782', 'bsn'],
    ['an education number', { educationNumber: '101234564' }, '101234564', 'educationNumber'],
  ])('prints the extract of a result with %s', (_name, person, personNumber, personNumberKind) => {
    const result = aRecord({ fields: { ...aRecord().fields, person } });
    expect(
      extractPdfInput(
        { kind: 'issued', credential: 'a.b.c', extract, result },
        'https://register.example.nl',
      ),
    ).toEqual({
      credential: 'a.b.c',
      verifyUrl: 'https://register.example.nl/v1/extracts/verify',
      extractId: extract.extractId,
      issuedAt: extract.issuedAt,
      resultId: '21PA-2026000123',
      institutionCode: '21PA',
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
      examDate: '2026-07-03',
      studyMode: 'full-time',
      personNumber,
      personNumberKind,
    });
  });
});
