import type { ValidationArguments } from 'class-validator';
import { ValidateBy } from 'class-validator';
import type { SigningKeySetting } from './signing-key-source';
import { signingKeySettingProblem } from './signing-key-source';

const problemOf = (args: ValidationArguments | undefined): string | undefined =>
  args ? signingKeySettingProblem(args.object, args.property as SigningKeySetting) : undefined;

/**
 * Validates EXTRACT_SIGNING_KEYS_FILE / EXTRACT_SIGNING_KEYS at start-up: exactly one is
 * set, and it holds usable Ed25519 signing keys (the file is read). Runs even when the
 * setting is absent, so that a missing key stops the service with a message naming it.
 */
export function SigningKeysSetting(): PropertyDecorator {
  return ValidateBy({
    name: 'extractSigningKeys',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => problemOf(args) === undefined,
      defaultMessage: (args?: ValidationArguments) => problemOf(args) ?? 'is not valid',
    },
  });
}
