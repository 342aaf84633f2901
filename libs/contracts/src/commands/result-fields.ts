import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import type { ValidationArguments } from 'class-validator';
import { ValidateBy } from 'class-validator';
import { IsBsn, IsEducationNumber } from '../values/decorators';
import type { ExamType, ProgrammeLevel } from '../values/domain-values';
import {
  CROHO_CODE_PATTERN,
  ExamTypes,
  INSTITUTION_CODE_PATTERN,
  ProgrammeLevels,
  RESULT_SEQUENCE_PATTERN,
} from '../values/domain-values';

/** The student: exactly one of a BSN and an education number ("onderwijsnummer"). */
export class PersonV1 {
  @IsOptional()
  @IsString()
  @IsBsn()
  bsn?: string;

  @IsOptional()
  @IsString()
  @IsEducationNumber()
  educationNumber?: string;
}

export class ProgrammeV1 {
  /** CROHO (ISAT) code of the programme. */
  @IsString()
  @Matches(CROHO_CODE_PATTERN, { message: 'crohoCode must be 5 digits' })
  crohoCode: string;

  @IsIn(ProgrammeLevels)
  level: ProgrammeLevel;

  @IsIn(ExamTypes)
  examType: ExamType;
}

export const ExactlyOnePersonNumber = () =>
  ValidateBy({
    name: 'exactlyOnePersonNumber',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        ((value as PersonV1).bsn === undefined) !==
          ((value as PersonV1).educationNumber === undefined),
      defaultMessage: () => 'person must have exactly one of bsn and educationNumber',
    },
  });

export const AssociateDegreeOnlyForHbo = () =>
  ValidateBy({
    name: 'associateDegreeOnlyForHbo',
    validator: {
      validate: (value: unknown, _args?: ValidationArguments) => {
        const p = value as Partial<ProgrammeV1> | null;
        return !(p && p.examType === 'associate-degree' && p.level !== 'HBO');
      },
      defaultMessage: () => 'programme.examType associate-degree exists only for level HBO',
    },
  });

/** The nested person field, validated as a whole and field by field. */
export function PersonField(): PropertyDecorator {
  return (target, key) => {
    IsObject({ message: `${String(key)} must be an object` })(target, key);
    ValidateNested()(target, key);
    Type(() => PersonV1)(target, key);
    ExactlyOnePersonNumber()(target, key);
  };
}

export function ProgrammeField(): PropertyDecorator {
  return (target, key) => {
    IsObject({ message: `${String(key)} must be an object` })(target, key);
    ValidateNested()(target, key);
    Type(() => ProgrammeV1)(target, key);
    AssociateDegreeOnlyForHbo()(target, key);
  };
}

export function InstitutionCodeField(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Matches(INSTITUTION_CODE_PATTERN, {
      message: 'institutionCode must be a BRIN code: two digits and two capital letters',
    })(target, key);
  };
}

export function ResultSequenceField(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Matches(RESULT_SEQUENCE_PATTERN, {
      message: 'resultSequence must be 1-20 letters or digits',
    })(target, key);
  };
}
