import { IsIn, IsString } from 'class-validator';
import type { StudyMode } from '../values/domain-values';
import { StudyModes } from '../values/domain-values';
import {
  PersonField,
  PersonV1,
  ProgrammeField,
  ProgrammeV1,
  ResultSequenceField,
} from '../commands/result-fields';

/** A result's fields as events carry them (those of `register-result` without the institution). */
export class ResultSnapshotV1 {
  @ResultSequenceField()
  resultSequence: string;

  @PersonField()
  person: PersonV1;

  @ProgrammeField()
  programme: ProgrammeV1;

  /** Not re-checked against today: an event states what was valid when it was registered. */
  @IsString()
  examDate: string;

  @IsIn(StudyModes)
  studyMode: StudyMode;
}
