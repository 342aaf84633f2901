import { IsIn, IsInt, IsISO8601, IsString, Min } from 'class-validator';
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
}
