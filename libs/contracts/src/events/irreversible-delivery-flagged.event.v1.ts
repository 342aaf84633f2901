import { IsIn, IsISO8601, IsString } from 'class-validator';
import type { DeletionReason } from '../values/domain-values';
import { DeletionReasons } from '../values/domain-values';

export class IrreversibleDeliveryFlaggedDataV1 {
  @IsString()
  partnerId: string;

  @IsString()
  partnerName: string;

  @IsISO8601({ strict: true })
  deliveredAt: string;

  @IsISO8601({ strict: true })
  deletedAt: string;

  @IsIn(DeletionReasons)
  reason: DeletionReason;

  @IsString()
  deletionEventId: string;
}
