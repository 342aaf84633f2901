import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { eventMessage } from '@rod/messaging';
import { decodeProtectedHeader } from 'jose';
import type { ResultRecord } from '../../results/domain/result-state';
import type { ResultDocument } from '../../results/persistence/result.schema';
import { ResultRepository } from '../../results/persistence/result.repository';
import type { ExtractRecord, StatusSlot } from '../extract-ports';
import { ExtractKeyRing, ExtractStatusLists } from '../extract-ports';
import { extractCredential, issuingInstant } from './domain/extract-credential';
import type { ExtractIssuedChange } from './domain/extract-issued';
import { extractIssuedChange } from './domain/extract-issued';
import type { ExtractRefusal } from './domain/issue-extract.decision';
import { decideExtractIssue } from './domain/issue-extract.decision';

/** What a student's request for an extract came to. */
export type ExtractIssueOutcome =
  | ExtractRefusal
  | {
      kind: 'issued';
      /** The compact VC-JWT: never logged. */
      credential: string;
      extract: ExtractRecord;
      /** The result as the credential states it (for the printable extract). */
      result: ResultRecord;
    };

/**
 * Issues a digital extract of a student's own registered result: reserve a place in the
 * status lists, build and sign the credential, and store the extract, the count and
 * `ExtractIssued` (in the outbox) in one write of the result's document. When another
 * writer changed the result meanwhile, decide again and sign again (the same extract id
 * and status slot, the result as it is now).
 */
@Injectable()
export class IssueExtractUseCase {
  private readonly logger = new Logger(IssueExtractUseCase.name);

  constructor(
    private readonly results: ResultRepository,
    private readonly keyRing: ExtractKeyRing,
    private readonly statusLists: ExtractStatusLists,
  ) {}

  async execute(student: string, resultId: string): Promise<ExtractIssueOutcome> {
    const extractId = randomUUID();
    let slot: StatusSlot | undefined;
    for (;;) {
      const outcome = await this.results.exclusively(
        resultId,
        async (): Promise<ExtractIssueOutcome | null> => {
          const decision = decideExtractIssue(
            student,
            resultId,
            await this.results.findById(resultId),
          );
          if (decision.kind === 'refused') return decision;
          const { record } = decision;
          // Reserved once: a retry after a lost race keeps the extract's place.
          slot ??= await this.statusLists.allocate();
          const issuedAt = issuingInstant(new Date());
          const credential = await this.keyRing.signVcJwt(
            extractCredential({
              extractId,
              issuer: this.keyRing.issuer,
              issuedAt,
              result: record,
              slot,
              statusListUrl: (listNumber, purpose) =>
                this.statusLists.credentialUrl(listNumber, purpose),
            }),
          );
          const kid = decodeProtectedHeader(credential).kid ?? '';
          const extract: ExtractRecord = { extractId, issuedAt, kid, ...slot };
          const change = extractIssuedChange(record, extract);
          const written = await this.results.replace(applied(record, change), record.version);
          return written ? { kind: 'issued', credential, extract, result: record } : null;
        },
      );
      if (!outcome) continue; // another writer changed the result: decide again
      if (outcome.kind === 'issued') {
        // The extract id and its place only: never the person's number or the credential.
        this.logger.log({
          msg: 'extract issued',
          resultId,
          extractId,
          kid: outcome.extract.kid,
          listNumber: outcome.extract.listNumber,
        });
      }
      return outcome;
    }
  }
}

/** The result's document with the extract: one write, the event in its outbox. */
function applied(record: ResultDocument, change: ExtractIssuedChange): ResultDocument {
  const { event } = change;
  const outbox = [...record.outbox, eventMessage(event)];
  return {
    ...record,
    extracts: change.extracts,
    extractsIssued: change.extractsIssued,
    sequence: event.sequence,
    history: [
      ...record.history,
      {
        sequence: event.sequence,
        eventId: event.eventId,
        type: event.type,
        occurredAt: event.occurredAt,
        data: event.data,
      },
    ],
    version: record.version + 1,
    outboxPending: true,
    outbox,
  };
}
