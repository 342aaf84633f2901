import { IsISO8601, IsString } from 'class-validator';

export class ResultSuspendedDataV1 {
  @IsString()
  explanation: string;

  @IsISO8601({ strict: true })
  reportedAt: string;
}
