import { Type } from 'class-transformer';
import { IsArray, IsString, ValidateNested } from 'class-validator';
import { ResultSnapshotV1 } from './result-snapshot';

export class ResultCorrectedDataV1 {
  /** All fields after the correction. */
  @ValidateNested()
  @Type(() => ResultSnapshotV1)
  result: ResultSnapshotV1;

  @IsArray()
  @IsString({ each: true })
  changed: string[];
}
