import type { EventEnvelope } from '@rod/contracts';
import type { CommandMeta } from '../../../results/domain/command-meta';
import { nextResultEvent } from '../../../results/domain/result-event';
import type { ResultRecord } from '../../../results/domain/result-state';
import type { ExtractRecord } from '../../extract-ports';

/** Who acts when a student asks for an extract: never an institution code. */
export const STUDENT_ACTOR = 'student';

/** What issuing an extract changes in the result's document, written in one go. */
export interface ExtractIssuedChange {
  /** The result's next history event, for the outbox. */
  event: EventEnvelope<'ExtractIssued'>;
  extracts: ExtractRecord[];
  extractsIssued: number;
}

/**
 * The change of a result an issued extract makes: the extract appended to the result's
 * extracts (where the status bits are found when the result is deleted or suspended), the
 * count the deletion impact shows, and `ExtractIssued` as the result's next event. The
 * extract's id is the event's cause and correlation: the request has no id of its own.
 */
export function extractIssuedChange(
  record: Pick<
    ResultRecord,
    '_id' | 'institutionCode' | 'sequence' | 'extracts' | 'extractsIssued'
  >,
  extract: ExtractRecord,
): ExtractIssuedChange {
  const meta: CommandMeta = {
    commandId: extract.extractId,
    correlationId: extract.extractId,
    actingInstitution: STUDENT_ACTOR,
    door: 'http',
  };
  const event = nextResultEvent(
    'ExtractIssued',
    record,
    meta,
    { extractId: extract.extractId, issuedAt: extract.issuedAt },
    new Date(extract.issuedAt),
  );
  return {
    event,
    extracts: [...(record.extracts ?? []), extract],
    extractsIssued: record.extractsIssued + 1,
  };
}
