import type { ExtractVerificationV1, VerifiedResultV1 } from '@rod/contracts';
import type { StatedResult } from './credential-checks';

/** The status bits of an extract, each from the list of its purpose. */
export interface ExtractBits {
  revoked: boolean;
  suspended: boolean;
}

/** The answer for a credential that is not a genuine extract of this register. */
export const invalidExtract = (reason: string): ExtractVerificationV1 => ({
  status: 'invalid',
  reason,
});

/**
 * The answer for a genuine extract, by its status bits: revoked beats suspended (a
 * deletion is final, whatever else was set). The result as the extract states it, but
 * without the person's number: the verifier holds the credential, the answer need not
 * repeat it.
 */
export function verificationAnswer(result: StatedResult, bits: ExtractBits): ExtractVerificationV1 {
  const shown = verifiedResult(result);
  if (bits.revoked) {
    return {
      status: 'revoked',
      result: shown,
      reason: 'the issuer has revoked this extract: the result no longer stands',
    };
  }
  if (bits.suspended) {
    return {
      status: 'suspended',
      result: shown,
      reason: 'the issuer has suspended this extract for now: it may become valid again',
    };
  }
  return { status: 'valid', result: shown };
}

function verifiedResult(result: StatedResult): VerifiedResultV1 {
  return {
    resultId: result.resultId,
    institutionCode: result.institutionCode,
    resultSequence: result.resultSequence,
    programme: result.programme as VerifiedResultV1['programme'],
    examDate: result.examDate,
    studyMode: result.studyMode as VerifiedResultV1['studyMode'],
    registeredAt: result.registeredAt,
  };
}
