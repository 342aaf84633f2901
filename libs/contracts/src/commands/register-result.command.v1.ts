import { IsIn, IsString } from 'class-validator';
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

/** `register-result` (type `RegisterResult`): an institution registers a new result. */
export class RegisterResultV1 {
  static readonly type = 'RegisterResult';

  @InstitutionCodeField()
  institutionCode: string;

  @ResultSequenceField()
  resultSequence: string;

  @PersonField()
  person: PersonV1;

  @ProgrammeField()
  programme: ProgrammeV1;

  @IsString()
  @IsExamDate()
  examDate: string;

  @IsIn(StudyModes)
  studyMode: StudyMode;
}
