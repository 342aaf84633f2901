import type { ResultRecord } from '../../../results/domain/result-state';

/**
 * Extracts one result may have: each one adds to the result's document (its record, its
 * `ExtractIssued` in the history), so without a bound a student could grow the document
 * until the register can no longer write it, not even to delete the result.
 */
export const MAX_EXTRACTS_PER_RESULT = 100;

/** Why a student gets no extract; the problem type of the HTTP answer. */
export type ExtractRefusalCode = 'unknown-result' | 'invalid-state' | 'too-many-extracts';

/** A refusal, as the HTTP answer's problem states it. */
export interface ExtractRefusal {
  kind: 'refused';
  code: ExtractRefusalCode;
  message: string;
}

export type ExtractIssueDecision<R extends ResultRecord = ResultRecord> =
  ExtractRefusal | { kind: 'allowed'; record: R };

/** The student's BSN or education number, as the result states it. */
export const personNumberOf = (record: Pick<ResultRecord, 'fields'>): string | undefined =>
  record.fields.person.bsn ?? record.fields.person.educationNumber;

/**
 * May the student (the person number of their token) have an extract of this result now?
 * Only of their own result, and only while it is registered. Another student's result is
 * answered exactly as an unknown one, so that no student can probe others' results.
 */
export function decideExtractIssue<R extends ResultRecord>(
  student: string,
  resultId: string,
  record: R | null,
): ExtractIssueDecision<R> {
  if (!record || personNumberOf(record) !== student) {
    return {
      kind: 'refused',
      code: 'unknown-result',
      message: `you have no result ${resultId}`,
    };
  }
  if (record.status !== 'registered') {
    return {
      kind: 'refused',
      code: 'invalid-state',
      message:
        record.status === 'deleted'
          ? `result ${resultId} has been deleted: it has no extract`
          : `result ${resultId} is suspended while it is investigated: no extract can be issued now`,
    };
  }
  if ((record.extracts ?? []).length >= MAX_EXTRACTS_PER_RESULT) {
    return {
      kind: 'refused',
      code: 'too-many-extracts',
      message: `result ${resultId} has had ${MAX_EXTRACTS_PER_RESULT} extracts issued already: use one of those`,
    };
  }
  return { kind: 'allowed', record };
}
