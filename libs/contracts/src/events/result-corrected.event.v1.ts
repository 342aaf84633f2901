import { Type } from 'class-transformer';
import { IsArray, IsObject, IsString, ValidateNested } from 'class-validator';
import { ResultSnapshotV1 } from './result-snapshot';

export class ResultCorrectedDataV1 {
  /** All fields after the correction. */
  @IsObject()
  @ValidateNested()
  @Type(() => ResultSnapshotV1)
  result: ResultSnapshotV1;

  @IsArray()
  @IsString({ each: true })
  changed: string[];
}
