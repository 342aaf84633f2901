import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { ProgrammeV1 } from '../commands/result-fields';
import type { DeletedByParty, DeletionReason } from '../values/domain-values';
import { DeletedBy, DeletionReasons } from '../values/domain-values';

export class PartnerHoldingV1 {
  @IsString()
  partnerId: string;

  @IsBoolean()
  canRetract: boolean;
}

export class DeletionConsequencesV1 {
  @IsInt()
  @Min(0)
  extractsIssued: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => PartnerHoldingV1)
  partnersHolding: PartnerHoldingV1[];
}

export class ResultDeletedDataV1 {
  @IsIn(DeletionReasons)
  reason: DeletionReason;

  @IsOptional()
  @IsString()
  explanation?: string;

  @IsISO8601({ strict: true })
  deletedAt: string;

  @IsIn(DeletedBy)
  deletedBy: DeletedByParty;

  @IsBoolean()
  acknowledgedIrreversible: boolean;

  @IsObject()
  @ValidateNested()
  @Type(() => DeletionConsequencesV1)
  consequences: DeletionConsequencesV1;

  @IsISO8601({ strict: true })
  registeredAt: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ProgrammeV1)
  programme: ProgrammeV1;
}
