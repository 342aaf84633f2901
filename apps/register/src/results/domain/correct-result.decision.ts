import { isDeepStrictEqual } from 'node:util';
import type { CorrectResultV1 } from '@rod/contracts';
import { CorrectResultV1 as CorrectResult } from '@rod/contracts';
import type { ChangeDecision } from './change-decision';
import { institutionPreconditions, rejection } from './change-decision';
import type { CommandMeta } from './command-meta';
import { accepted } from './replies';
import { nextResultEvent } from './result-event';
import type { ResultFields, ResultRecord } from './result-state';

/** The fields a correction may change; identity (institution, sequence) is not among them. */
export const CorrectableFields = ['person', 'programme', 'examDate', 'studyMode'] as const;

/**
 * Corrects a registered result: the given fields replace the current ones (a nested
 * field as a whole). A correction that changes nothing is accepted without an event.
 * A suspended result is under investigation and cannot be changed by the institution.
 */
export function decideCorrection(
  command: CorrectResultV1,
  meta: CommandMeta,
  record: ResultRecord | null,
  now: Date,
): ChangeDecision {
  const type = CorrectResult.type;
  const blocked = institutionPreconditions(type, command, meta, record);
  if (blocked || !record) return blocked!;
  if (record.status === 'suspended') {
    return rejection(meta, type, record._id, {
      code: 'invalid-state',
      field: null,
      message: `result ${record._id} is suspended while the helpdesk investigates a fraud report`,
    });
  }
  const fields: ResultFields = { ...record.fields };
  const changed: string[] = [];
  for (const name of CorrectableFields) {
    const value = command[name];
    if (value === undefined || isDeepStrictEqual(value, record.fields[name])) continue;
    (fields as unknown as Record<string, unknown>)[name] = value;
    changed.push(name);
  }
  const reply = accepted(meta.commandId, type, record._id);
  if (changed.length === 0) return { kind: 'changed', reply, status: record.status, fields };
  const event = nextResultEvent('ResultCorrected', record, meta, { result: fields, changed }, now);
  return { kind: 'changed', reply, event, status: record.status, fields };
}
