import { IsIn, IsInt, IsString, Min } from 'class-validator';
import type { DeliveryKind } from '../values/domain-values';
import { DeliveryKinds } from '../values/domain-values';

/** The delivery is parked for operations. */
export class DeliveryFailedDataV1 {
  @IsString()
  partnerId: string;

  @IsIn(DeliveryKinds)
  kind: DeliveryKind;

  @IsString()
  deliveredEventId: string;

  @IsInt()
  @Min(1)
  attempts: number;

  @IsString()
  lastError: string;
}
