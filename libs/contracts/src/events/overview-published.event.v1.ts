import { IsInt, IsISO8601, IsString, Matches, Min } from 'class-validator';

export class OverviewPublishedDataV1 {
  /** `YYYY-05` or `YYYY-11`. */
  @Matches(/^\d{4}-(05|11)$/)
  period: string;

  @IsString()
  from: string;

  @IsString()
  to: string;

  @IsInt()
  @Min(0)
  institutions: number;

  @IsISO8601({ strict: true })
  generatedAt: string;
}
