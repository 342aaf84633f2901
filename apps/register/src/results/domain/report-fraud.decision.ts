import type { ReportFraudV1 } from '@rod/contracts';
import { ReportFraudV1 as ReportFraud } from '@rod/contracts';
import type { ChangeDecision } from './change-decision';
import { institutionPreconditions, rejection } from './change-decision';
import type { CommandMeta } from './command-meta';
import { accepted } from './replies';
import { nextResultEvent } from './result-event';
import type { ResultRecord } from './result-state';

/** A fraud report suspends the result until the helpdesk decides (`ResultSuspended`). */
export function decideFraudReport(
  command: ReportFraudV1,
  meta: CommandMeta,
  record: ResultRecord | null,
  now: Date,
): ChangeDecision {
  const type = ReportFraud.type;
  const blocked = institutionPreconditions(type, command, meta, record);
  if (blocked || !record) return blocked!;
  if (record.status === 'suspended') {
    return rejection(meta, type, record._id, {
      code: 'invalid-state',
      field: null,
      message: `result ${record._id} is suspended already: a fraud report is under investigation`,
    });
  }
  return {
    kind: 'changed',
    reply: accepted(meta.commandId, type, record._id),
    event: nextResultEvent(
      'ResultSuspended',
      record,
      meta,
      { explanation: command.explanation, reportedAt: now.toISOString() },
      now,
    ),
    status: 'suspended',
    fields: record.fields,
  };
}
