import type { ValidationArguments, ValidationOptions } from 'class-validator';
import { registerDecorator } from 'class-validator';
import { EARLIEST_EXAM_DATE, amsterdamToday, isCalendarDate } from './dates';
import { isValidBsn, isValidEducationNumber } from './personal-numbers';

function define(
  name: string,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  defaultMessage: string,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: defaultMessage, ...options },
      validator: { validate },
    });
  };
}

export const IsBsn = (options?: ValidationOptions) =>
  define(
    'isBsn',
    (v) => typeof v === 'string' && isValidBsn(v),
    'bsn must be 9 digits passing the 11-check',
    options,
  );

export const IsEducationNumber = (options?: ValidationOptions) =>
  define(
    'isEducationNumber',
    (v) => typeof v === 'string' && isValidEducationNumber(v),
    'educationNumber must be 9 digits starting with 10 passing the education-number check',
    options,
  );

/** An exam date: a real date, not before 1950, not after today in Amsterdam. */
export const IsExamDate = (options?: ValidationOptions) =>
  define(
    'isExamDate',
    (v) =>
      typeof v === 'string' &&
      isCalendarDate(v) &&
      v >= EARLIEST_EXAM_DATE &&
      v <= amsterdamToday(),
    `examDate must be a date (YYYY-MM-DD) from ${EARLIEST_EXAM_DATE} up to today (Europe/Amsterdam)`,
    options,
  );
