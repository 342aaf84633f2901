import type { FraudDecisionV1 } from '@rod/contracts';
import { FraudDecisionV1 as FraudDecision } from '@rod/contracts';
import type { ChangeDecision } from './change-decision';
import { rejection, resultPreconditions } from './change-decision';
import type { CommandMeta } from './command-meta';
import { deletion } from './delete-result.decision';
import { accepted } from './replies';
import { nextResultEvent } from './result-event';
import type { ResultRecord } from './result-state';

/**
 * `confirm` deletes the result with reason `fraud` (`deletedBy: helpdesk`; the decision
 * itself acknowledges the consequences); `dismiss` reinstates it.
 */
export function decideOnFraudReport(
  resultId: string,
  command: FraudDecisionV1,
  meta: CommandMeta,
  record: ResultRecord | null,
  now: Date,
): ChangeDecision {
  const type = FraudDecision.type;
  const blocked = resultPreconditions(type, resultId, meta, record);
  if (blocked || !record) return blocked!;
  if (record.status !== 'suspended') {
    return rejection(meta, type, record._id, {
      code: 'invalid-state',
      field: null,
      message: `result ${record._id} has no fraud report under investigation`,
    });
  }
  if (command.decision === 'confirm') {
    return deletion(type, record, meta, now, {
      reason: 'fraud',
      explanation: command.explanation,
      deletedBy: 'helpdesk',
      acknowledgedIrreversible: true,
    });
  }
  return {
    kind: 'changed',
    reply: accepted(meta.commandId, type, record._id),
    event: nextResultEvent('ResultReinstated', record, meta, { decidedAt: now.toISOString() }, now),
    status: 'registered',
    fields: record.fields,
  };
}
