import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  IsNotEmpty,
} from 'class-validator';
import type { DeletionReason } from '../values/domain-values';
import { InstitutionDeletionReasons } from '../values/domain-values';
import { InstitutionCodeField, ResultSequenceField } from './result-fields';

/** `delete-result` (type `DeleteResult`): an institution deletes a result, with a reason. */
export class DeleteResultV1 {
  static readonly type = 'DeleteResult';

  @InstitutionCodeField()
  institutionCode: string;

  @ResultSequenceField()
  resultSequence: string;

  @IsIn(InstitutionDeletionReasons, {
    message: `reason must be one of ${InstitutionDeletionReasons.join(', ')}`,
  })
  reason: Exclude<DeletionReason, 'fraud'>;

  /** Required when the reason is `other`. */
  @ValidateIf((o: DeleteResultV1) => o.reason === 'other' || o.explanation !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'explanation is required for reason other' })
  @MaxLength(1000)
  explanation?: string;

  @IsOptional()
  @IsBoolean()
  acknowledgeIrreversible?: boolean;
}
