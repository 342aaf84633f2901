import { IsString, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** A string that may be null (and must be present): validated and described as such. */
export function NullableString(): PropertyDecorator {
  return (target, key) => {
    ValidateIf((_o, value) => value !== null)(target, key);
    IsString()(target, key);
    JSONSchema({ type: ['string', 'null'] } as never)(target, key as string);
  };
}
