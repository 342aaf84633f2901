import type { ExtractPdfInput } from '../pdf/extract-pdf';
import type { ExtractIssueOutcome } from '../issue/issue-extract.use-case';

/** What the printed extract shows of an issued extract; `issuer` is the register's public URL. */
export function extractPdfInput(
  issued: Extract<ExtractIssueOutcome, { kind: 'issued' }>,
  issuer: string,
): ExtractPdfInput {
  const { result, extract, credential } = issued;
  const { person } = result.fields;
  return {
    credential,
    verifyUrl: `${issuer}/v1/extracts/verify`,
    extractId: extract.extractId,
    issuedAt: extract.issuedAt,
    resultId: result._id,
    institutionCode: result.institutionCode,
    programme: result.fields.programme,
    examDate: result.fields.examDate,
    studyMode: result.fields.studyMode,
    ...(person.bsn !== undefined
      ? { personNumber: person.bsn, personNumberKind: 'bsn' as const }
      : {
          personNumber: person.educationNumber ?? '',
          personNumberKind: 'educationNumber' as const,
        }),
  };
}
