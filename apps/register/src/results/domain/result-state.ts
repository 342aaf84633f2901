import type { CommandReplyV1, PersonV1, ProgrammeV1, StudyMode } from '@rod/contracts';
import type { ExtractRecord } from '../../extracts/extract-ports';

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

/** A partner that received the result (from propagation's `DeliverySucceeded`). */
export interface PartnerHolding {
  partnerId: string;
  canRetract: boolean;
  /** The first successful delivery of the result to the partner. */
  deliveredAt: string;
  /** Set once the partner confirmed a retraction; it no longer holds the result. */
  retractedAt?: string;
}

/** A command that was decided on this result, with its reply: a repeat gets the same answer. */
export interface DecidedCommand {
  /** `replyKeyOf(meta)`: who acted and their command id. */
  key: string;
  reply: CommandReplyV1;
}

/** Everything the register's decisions need to know of a stored result. */
export interface ResultRecord {
  _id: string;
  institutionCode: string;
  resultSequence: string;
  status: ResultStatus;
  fields: ResultFields;
  registeredAt: string;
  late: boolean;
  /** The sequence number of the result's last event. */
  sequence: number;
  history: HistoryEntry[];
  commands: DecidedCommand[];
  holdings: PartnerHolding[];
  extractsIssued: number;
  /**
   * The digital extracts issued of this result, with their places in the status lists
   * (issue 6). Absent in documents stored before extracts existed: read it as empty.
   */
  extracts: ExtractRecord[];
}
