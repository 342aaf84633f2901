import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const FraudDecisions = ['confirm', 'dismiss'] as const;
export type FraudDecision = (typeof FraudDecisions)[number];

/**
 * The helpdesk's decision on a fraud report, the body of
 * `POST /v1/helpdesk/fraud-reports/{resultId}/decision`.
 */
export class FraudDecisionV1 {
  static readonly type = 'DecideFraudReport';

  @IsIn(FraudDecisions, { message: 'decision must be confirm or dismiss' })
  decision: FraudDecision;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  explanation: string;
}
