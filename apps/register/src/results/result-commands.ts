import type { FraudDecisionV1 } from '@rod/contracts';
import {
  CorrectResultV1,
  DeleteResultV1,
  FraudDecisionV1 as FraudDecision,
  ReportFraudV1,
  resultIdOf,
} from '@rod/contracts';
import type { ChangeCommand } from './change-result.use-case';
import { decideCorrection } from './domain/correct-result.decision';
import { decideDeletion } from './domain/delete-result.decision';
import { decideOnFraudReport } from './domain/helpdesk-decision.decision';
import { decideFraudReport } from './domain/report-fraud.decision';

const named = (c: { institutionCode: string; resultSequence: string }): string =>
  resultIdOf(c.institutionCode, c.resultSequence);

/** The institution commands on an existing result, by command type. */
export const ResultCommands = {
  [CorrectResultV1.type]: {
    type: CorrectResultV1.type,
    schema: CorrectResultV1,
    resultIdOf: named,
    decide: decideCorrection,
  } satisfies ChangeCommand<CorrectResultV1>,
  [DeleteResultV1.type]: {
    type: DeleteResultV1.type,
    schema: DeleteResultV1,
    resultIdOf: named,
    decide: decideDeletion,
  } satisfies ChangeCommand<DeleteResultV1>,
  [ReportFraudV1.type]: {
    type: ReportFraudV1.type,
    schema: ReportFraudV1,
    resultIdOf: named,
    decide: decideFraudReport,
  } satisfies ChangeCommand<ReportFraudV1>,
};

/** The helpdesk's decision on the fraud report of one result. */
export function fraudDecisionOn(resultId: string): ChangeCommand<FraudDecisionV1> {
  return {
    type: FraudDecision.type,
    schema: FraudDecision,
    resultIdOf: () => resultId,
    decide: (command, meta, record, now) =>
      decideOnFraudReport(resultId, command, meta, record, now),
  };
}
