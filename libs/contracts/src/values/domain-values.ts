/** The closed vocabularies of DOMAIN.md. */

export const ProgrammeLevels = ['HBO', 'WO'] as const;
export type ProgrammeLevel = (typeof ProgrammeLevels)[number];

export const ExamTypes = ['propedeuse', 'associate-degree', 'bachelor', 'master'] as const;
export type ExamType = (typeof ExamTypes)[number];

export const StudyModes = ['full-time', 'part-time', 'dual'] as const;
export type StudyMode = (typeof StudyModes)[number];

export const DeletionReasons = [
  'administrative-error',
  'registered-too-early',
  'student-request-extra-courses',
  'student-request-grade-improvement',
  'duplicate',
  'fraud',
  'other',
] as const;
export type DeletionReason = (typeof DeletionReasons)[number];
/** `fraud` is decided by the helpdesk only. */
export const InstitutionDeletionReasons = DeletionReasons.filter((r) => r !== 'fraud');

export const DeliveryKinds = ['registration', 'correction', 'retraction'] as const;
export type DeliveryKind = (typeof DeliveryKinds)[number];

export const DeletedBy = ['institution', 'helpdesk'] as const;
export type DeletedByParty = (typeof DeletedBy)[number];

/** BRIN code: two digits and two capital letters, e.g. `21PA`. */
export const INSTITUTION_CODE_PATTERN = /^[0-9]{2}[A-Z]{2}$/;
/** "Resultaatvolgnummer": the institution's own number, 1-20 letters or digits. */
export const RESULT_SEQUENCE_PATTERN = /^[A-Za-z0-9]{1,20}$/;
/** CROHO (ISAT) programme code: five digits. */
export const CROHO_CODE_PATTERN = /^[0-9]{5}$/;

export const resultIdOf = (institutionCode: string, resultSequence: string): string =>
  `${institutionCode}-${resultSequence}`;
