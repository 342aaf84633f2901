import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Min } from 'class-validator';
import type { DeliveryKind } from '../values/domain-values';
import { DeliveryKinds } from '../values/domain-values';

export class DeliverySucceededDataV1 {
  @IsString()
  partnerId: string;

  @IsIn(DeliveryKinds)
  kind: DeliveryKind;

  @IsString()
  deliveredEventId: string;

  @IsISO8601({ strict: true })
  deliveredAt: string;

  @IsInt()
  @Min(1)
  attempts: number;

  /**
   * Added to the contract (optional): whether the partner can retract what it received.
   * The register uses it for a deletion's consequences; absent means it cannot.
   */
  @IsOptional()
  @IsBoolean()
  canRetract?: boolean;
}
