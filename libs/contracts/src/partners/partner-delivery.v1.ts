import { IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID } from 'class-validator';
import type { DeliveryKind } from '../values/domain-values';
import { DeliveryKinds } from '../values/domain-values';

/** What a partner receives on its queue or webhook. `result` is absent for a retraction. */
export class PartnerDeliveryV1 {
  /** Stable for a (partner, event) pair: partners use it to drop duplicates. */
  @IsUUID('all')
  deliveryId: string;

  @IsString()
  partnerId: string;

  @IsIn(DeliveryKinds)
  kind: DeliveryKind;

  @IsString()
  resultId: string;

  @IsString()
  institutionCode: string;

  @IsUUID()
  eventId: string;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsOptional()
  @IsObject()
  result?: Record<string, unknown>;
}
