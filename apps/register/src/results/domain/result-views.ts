import type { DeletionConsequencesV1 } from '@rod/contracts';
import { consequencesOf, isIrreversible } from './deletion-impact';
import type { HistoryEntry, ResultFields, ResultRecord, ResultStatus } from './result-state';

/** A result as its institution reads it: current fields, status and the whole history. */
export interface ResultView {
  resultId: string;
  institutionCode: string;
  status: ResultStatus;
  registeredAt: string;
  late: boolean;
  result: ResultFields;
  extractsIssued: number;
  partnersHolding: DeletionConsequencesV1['partnersHolding'];
  history: HistoryEntry[];
}

export function resultView(record: ResultRecord): ResultView {
  return {
    resultId: record._id,
    institutionCode: record.institutionCode,
    status: record.status,
    registeredAt: record.registeredAt,
    late: record.late,
    result: record.fields,
    extractsIssued: record.extractsIssued,
    partnersHolding: consequencesOf(record).partnersHolding,
    history: record.history,
  };
}

/** What deleting the result now would cause (`GET …/deletion-impact`). */
export interface DeletionImpactView {
  resultId: string;
  status: ResultStatus;
  /** False when the result is deleted already or suspended (the helpdesk decides then). */
  deletable: boolean;
  consequences: DeletionConsequencesV1;
  /** True when a deletion needs `acknowledgeIrreversible: true`. */
  irreversible: boolean;
  /** The consequences in words, for a confirmation dialog. */
  summary: string[];
}

export function deletionImpactView(record: ResultRecord): DeletionImpactView {
  const consequences = consequencesOf(record);
  const summary: string[] = [];
  if (consequences.extractsIssued > 0) {
    summary.push(
      `${consequences.extractsIssued} digital extract(s) were issued: they will verify as revoked, but the student keeps the copies`,
    );
  }
  for (const partner of consequences.partnersHolding) {
    summary.push(
      partner.canRetract
        ? `${partner.partnerId} holds the result and will be sent a retraction`
        : `${partner.partnerId} holds the result and cannot retract it: the delivery will be flagged as irreversible`,
    );
  }
  return {
    resultId: record._id,
    status: record.status,
    deletable: record.status === 'registered',
    consequences,
    irreversible: isIrreversible(consequences),
    summary,
  };
}

/** A result as its student sees it: no history, no other party's information. */
export interface StudentResultView {
  resultId: string;
  institutionCode: string;
  status: ResultStatus;
  result: ResultFields;
  registeredAt: string;
}

export function studentResultView(record: ResultRecord): StudentResultView {
  return {
    resultId: record._id,
    institutionCode: record.institutionCode,
    status: record.status,
    result: record.fields,
    registeredAt: record.registeredAt,
  };
}
