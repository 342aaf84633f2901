import { ProblemException, problemType } from '@rod/platform';
import type { ExtractRefusal, ExtractRefusalCode } from '../issue/domain/issue-extract.decision';

const STATUS: Record<ExtractRefusalCode, number> = {
  'unknown-result': 404,
  'invalid-state': 409,
  'too-many-extracts': 409,
};

const TITLE: Record<ExtractRefusalCode, string> = {
  'unknown-result': 'No such result',
  'invalid-state': 'No extract of this result can be issued now',
  'too-many-extracts': 'Enough extracts of this result were issued',
};

/** A refused extract as an RFC 9457 problem, with the code as in the register's replies. */
export function extractRefusalProblem(refusal: ExtractRefusal): ProblemException {
  return new ProblemException(STATUS[refusal.code], TITLE[refusal.code], refusal.message, {
    type: problemType(refusal.code),
    errors: [{ code: refusal.code, field: null, message: refusal.message }],
  });
}
