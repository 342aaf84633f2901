import type { DeletionReason, ExamType } from '@rod/contracts';

/** Names people read for the codes of DOMAIN.md; a code not listed shows as itself. */

const REASONS: Record<DeletionReason, string> = {
  'administrative-error': 'Administrative error',
  'registered-too-early': 'Registered too early',
  'student-request-extra-courses': 'Student request: extra courses',
  'student-request-grade-improvement': 'Student request: grade improvement',
  duplicate: 'Duplicate',
  fraud: 'Fraud (helpdesk)',
  other: 'Other',
};

const EXAM_TYPES: Record<ExamType, string> = {
  propedeuse: 'Propedeuse',
  'associate-degree': 'Associate degree',
  bachelor: 'Bachelor',
  master: 'Master',
};

function labelOf(labels: Record<string, string>, code: string): string {
  return Object.hasOwn(labels, code) ? labels[code] : code;
}

/** `student-request-extra-courses` → `Student request: extra courses`. */
export const reasonLabel = (reason: string): string => labelOf(REASONS, reason);

/** `associate-degree` → `Associate degree`. */
export const examTypeLabel = (examType: string): string => labelOf(EXAM_TYPES, examType);
