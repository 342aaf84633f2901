import type { PersonV1, ProgrammeV1, StudyMode } from '@rod/contracts';

export type ResultStatus = 'registered' | 'suspended' | 'deleted';

/** The fields of a result as registered or last corrected. */
export interface ResultFields {
  resultSequence: string;
  person: PersonV1;
  programme: ProgrammeV1;
  examDate: string;
  studyMode: StudyMode;
}

/** One change of a result: its event, kept forever as the result's history. */
export interface HistoryEntry {
  sequence: number;
  eventId: string;
  type: string;
  occurredAt: string;
  data: unknown;
}
