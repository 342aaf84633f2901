import type { DeleteResultV1, ResultDeletedDataV1 } from '@rod/contracts';
import { DeleteResultV1 as DeleteResult } from '@rod/contracts';
import type { ChangeDecision } from './change-decision';
import { institutionPreconditions, rejection } from './change-decision';
import type { CommandMeta } from './command-meta';
import { consequencesOf, isIrreversible } from './deletion-impact';
import { accepted } from './replies';
import { nextResultEvent } from './result-event';
import type { ResultRecord } from './result-state';

/**
 * An institution deletes its result. Irreversible consequences (an extract issued, a
 * partner that cannot retract holding it) need `acknowledgeIrreversible: true`; a
 * suspended result is the helpdesk's to decide.
 */
export function decideDeletion(
  command: DeleteResultV1,
  meta: CommandMeta,
  record: ResultRecord | null,
  now: Date,
): ChangeDecision {
  const type = DeleteResult.type;
  const blocked = institutionPreconditions(type, command, meta, record);
  if (blocked || !record) return blocked!;
  if (record.status === 'suspended') {
    return rejection(meta, type, record._id, {
      code: 'invalid-state',
      field: null,
      message: `result ${record._id} is suspended: the helpdesk decides on the fraud report`,
    });
  }
  const consequences = consequencesOf(record);
  const acknowledged = command.acknowledgeIrreversible === true;
  if (isIrreversible(consequences) && !acknowledged) {
    return rejection(meta, type, record._id, {
      code: 'irreversible-consequences',
      field: null,
      message:
        'deleting this result cannot be fully undone in the chain; send acknowledgeIrreversible: true to delete it anyway',
      details: consequences,
    });
  }
  return deletion(type, record, meta, now, {
    reason: command.reason,
    ...(command.explanation === undefined ? {} : { explanation: command.explanation }),
    deletedBy: 'institution',
    acknowledgedIrreversible: acknowledged,
  });
}

/** The deletion itself, whoever decided it. */
export function deletion(
  type: string,
  record: ResultRecord,
  meta: CommandMeta,
  now: Date,
  decided: Pick<
    ResultDeletedDataV1,
    'reason' | 'explanation' | 'deletedBy' | 'acknowledgedIrreversible'
  >,
): ChangeDecision {
  const data: ResultDeletedDataV1 = {
    ...decided,
    deletedAt: now.toISOString(),
    consequences: consequencesOf(record),
    registeredAt: record.registeredAt,
    programme: record.fields.programme,
  };
  return {
    kind: 'changed',
    reply: accepted(meta.commandId, type, record._id),
    event: nextResultEvent('ResultDeleted', record, meta, data, now),
    status: 'deleted',
    fields: record.fields,
  };
}
