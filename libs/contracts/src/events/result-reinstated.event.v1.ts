import { IsISO8601 } from 'class-validator';

export class ResultReinstatedDataV1 {
  @IsISO8601({ strict: true })
  decidedAt: string;
}
