import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsExamDate } from '../values/decorators';
import type { StudyMode } from '../values/domain-values';
import { StudyModes } from '../values/domain-values';
import {
  InstitutionCodeField,
  PersonField,
  PersonV1,
  ProgrammeField,
  ProgrammeV1,
  ResultSequenceField,
} from './result-fields';

/** `correct-result` (type `CorrectResult`): new values for some fields of a result. */
export class CorrectResultV1 {
  static readonly type = 'CorrectResult';

  @InstitutionCodeField()
  institutionCode: string;

  @ResultSequenceField()
  resultSequence: string;

  @IsOptional()
  @PersonField()
  person?: PersonV1;

  @IsOptional()
  @ProgrammeField()
  programme?: ProgrammeV1;

  @IsOptional()
  @IsString()
  @IsExamDate()
  examDate?: string;

  @IsOptional()
  @IsIn(StudyModes)
  studyMode?: StudyMode;
}
