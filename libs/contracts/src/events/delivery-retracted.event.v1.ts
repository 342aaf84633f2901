import { IsISO8601, IsString } from 'class-validator';

export class DeliveryRetractedDataV1 {
  @IsString()
  partnerId: string;

  @IsISO8601({ strict: true })
  retractedAt: string;
}
