import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { InstitutionCodeField, ProgrammeV1, ResultSequenceField } from '../commands/result-fields';
import type { StudyMode } from '../values/domain-values';
import { StudyModes } from '../values/domain-values';

/**
 * Verifying a digital extract: `POST /v1/extracts/verify` on the register (anyone, no
 * token). The extract is a W3C Verifiable Credential secured as a JWT (`application/vc+jwt`).
 */

/** The longest credential the verifier reads: an extract is about 1.5 KB. */
export const MAX_CREDENTIAL_LENGTH = 16_384;

export const ExtractVerificationStatuses = ['valid', 'revoked', 'suspended', 'invalid'] as const;
/** `revoked`: the result was deleted (final); `suspended`: under investigation (reversible). */
export type ExtractVerificationStatus = (typeof ExtractVerificationStatuses)[number];

/** The body of `POST /v1/extracts/verify`. */
export class ExtractVerificationRequestV1 {
  /** The extract as issued: the compact JWT (`<header>.<payload>.<signature>`). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CREDENTIAL_LENGTH)
  @JSONSchema({ description: 'The extract: a compact VC-JWT (application/vc+jwt).' })
  credential: string;
}

/** The result an extract states, as the verifier shows it: without the person's number. */
export class VerifiedResultV1 {
  @IsString()
  resultId: string;

  @InstitutionCodeField()
  institutionCode: string;

  @ResultSequenceField()
  resultSequence: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ProgrammeV1)
  programme: ProgrammeV1;

  @IsString()
  examDate: string;

  @IsIn(StudyModes)
  studyMode: StudyMode;

  @IsString()
  registeredAt: string;
}

/** The answer of `POST /v1/extracts/verify` (always 200 for a well-formed request). */
export class ExtractVerificationV1 {
  @IsIn(ExtractVerificationStatuses)
  status: ExtractVerificationStatus;

  /** The result the extract states; absent when the extract is `invalid`. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VerifiedResultV1)
  result?: VerifiedResultV1;

  /** Why the extract is not `valid`, in words. */
  @IsOptional()
  @IsString()
  reason?: string;
}
