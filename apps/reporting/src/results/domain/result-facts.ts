import type {
  DeletionReason,
  DeletedByParty,
  EventEnvelope,
  ExamType,
  ProgrammeLevel,
  ResultCorrectedDataV1,
  ResultDeletedDataV1,
  ResultRegisteredDataV1,
  ResultSuspendedDataV1,
} from '@rod/contracts';

/**
 * What the overviews need to know of one result. Built only from named fields of the
 * events: a personal number never enters reporting.
 */
export interface ResultFacts {
  institutionCode: string;
  crohoCode: string;
  level: ProgrammeLevel;
  examType: ExamType;
  registeredAt: string;
  late: boolean;
  status: 'registered' | 'suspended' | 'deleted';
  deletedAt: string | null;
  deletionReason: DeletionReason | null;
  deletedBy: DeletedByParty | null;
  extractsIssued: number;
  /**
   * `reportedAt` of every fraud report (`ResultSuspended`), in the order they came, so
   * that each counts in the period it was made in.
   */
  fraudReportedAt: string[];
}

/** Applies one event of a result to its facts (events arrive here in sequence). */
export function applyToFacts(facts: ResultFacts | null, event: EventEnvelope): ResultFacts | null {
  switch (event.type) {
    case 'ResultRegistered': {
      const data = event.data as ResultRegisteredDataV1;
      return {
        institutionCode: event.institutionCode ?? '',
        crohoCode: data.programme.crohoCode,
        level: data.programme.level,
        examType: data.programme.examType,
        registeredAt: data.registeredAt,
        late: data.late,
        status: 'registered',
        deletedAt: null,
        deletionReason: null,
        deletedBy: null,
        extractsIssued: 0,
        fraudReportedAt: [],
      };
    }
    case 'ResultCorrected': {
      if (!facts) return facts;
      const { programme } = (event.data as ResultCorrectedDataV1).result;
      return {
        ...facts,
        crohoCode: programme.crohoCode,
        level: programme.level,
        examType: programme.examType,
      };
    }
    case 'ResultDeleted': {
      if (!facts) return facts;
      const data = event.data as ResultDeletedDataV1;
      return {
        ...facts,
        status: 'deleted',
        deletedAt: data.deletedAt,
        deletionReason: data.reason,
        deletedBy: data.deletedBy,
      };
    }
    case 'ResultSuspended': {
      if (!facts) return facts;
      const { reportedAt } = event.data as ResultSuspendedDataV1;
      return {
        ...facts,
        status: 'suspended',
        fraudReportedAt: [...(facts.fraudReportedAt ?? []), reportedAt],
      };
    }
    case 'ResultReinstated':
      return facts && { ...facts, status: 'registered' };
    case 'ExtractIssued':
      return facts && { ...facts, extractsIssued: facts.extractsIssued + 1 };
    default:
      return facts;
  }
}
