import { IsISO8601, IsString } from 'class-validator';

export class ExtractIssuedDataV1 {
  @IsString()
  extractId: string;

  @IsISO8601({ strict: true })
  issuedAt: string;
}
