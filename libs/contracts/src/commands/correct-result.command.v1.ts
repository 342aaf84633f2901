import { IsIn, IsString, ValidateIf } from 'class-validator';
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

/** Validates a field only when it is there; unlike @IsOptional, null is not "absent". */
const IfPresent = () => ValidateIf((_o, value) => value !== undefined);

/** `correct-result` (type `CorrectResult`): new values for some fields of a result. */
export class CorrectResultV1 {
  static readonly type = 'CorrectResult';

  @InstitutionCodeField()
  institutionCode: string;

  @ResultSequenceField()
  resultSequence: string;

  @IfPresent()
  @PersonField()
  person?: PersonV1;

  @IfPresent()
  @ProgrammeField()
  programme?: ProgrammeV1;

  @IfPresent()
  @IsString()
  @IsExamDate()
  examDate?: string;

  @IfPresent()
  @IsIn(StudyModes)
  studyMode?: StudyMode;
}
