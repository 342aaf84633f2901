import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { InstitutionCodeField, ResultSequenceField } from './result-fields';

/** `report-fraud` (type `ReportFraud`): the result is suspended and the helpdesk notified. */
export class ReportFraudV1 {
  static readonly type = 'ReportFraud';

  @InstitutionCodeField()
  institutionCode: string;

  @ResultSequenceField()
  resultSequence: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  explanation: string;
}
