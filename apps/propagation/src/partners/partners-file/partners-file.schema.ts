import { Type } from 'class-transformer';
import type { TypeHelpOptions } from 'class-transformer';
import {
  Allow,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ExamType, ProgrammeLevel } from '@rod/contracts';
import { CROHO_CODE_PATTERN, ExamTypes, ProgrammeLevels } from '@rod/contracts';
import { PARTNER_ID_PATTERN } from '../domain/partner-id';

// The shape of the partners file (PROPAGATION_PARTNERS_FILE), checked field by field.
// Messages leave out the field's name: the loader puts its path in front. Only a field's
// first failing check is reported, and class-validator runs them from the bottom up: so
// the type check is the decorator nearest the field.

export const WEBHOOK_SECRET_MIN_LENGTH = 16;
export const WEBHOOK_TIMEOUT_MIN_MS = 100;
export const WEBHOOK_TIMEOUT_MAX_MS = 60_000;

const notEmpty = 'must list at least one value (leave the list out to receive all)';

export class PartnerFilterEntry {
  @IsOptional()
  @ArrayUnique({ message: 'must not repeat a value' })
  @IsIn(ProgrammeLevels, { each: true, message: `must hold only ${ProgrammeLevels.join(', ')}` })
  @ArrayMinSize(1, { message: notEmpty })
  @IsArray({ message: 'must be a list' })
  levels?: ProgrammeLevel[];

  @IsOptional()
  @ArrayUnique({ message: 'must not repeat a value' })
  @IsIn(ExamTypes, { each: true, message: `must hold only ${ExamTypes.join(', ')}` })
  @ArrayMinSize(1, { message: notEmpty })
  @IsArray({ message: 'must be a list' })
  examTypes?: ExamType[];

  @IsOptional()
  @ArrayUnique({ message: 'must not repeat a value' })
  @Matches(CROHO_CODE_PATTERN, {
    each: true,
    message: 'must hold five-digit programme codes as strings',
  })
  @IsString({ each: true, message: 'must hold five-digit programme codes as strings' })
  @ArrayMinSize(1, { message: notEmpty })
  @IsArray({ message: 'must be a list' })
  crohoCodes?: string[];
}

export class TransportEntry {
  @IsIn(['queue', 'webhook'], { message: 'must be "queue" or "webhook"' })
  kind: 'queue' | 'webhook';
}

/** A transport of an unknown kind: only its kind is reported, not the webhook fields. */
export class UnknownTransportEntry extends TransportEntry {
  @Allow()
  url?: unknown;

  @Allow()
  secret?: unknown;

  @Allow()
  timeoutMs?: unknown;
}

export class QueueTransportEntry extends TransportEntry {}

export class WebhookTransportEntry extends TransportEntry {
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http:// or https:// URL' },
  )
  @IsString({ message: 'must be an http:// or https:// URL' })
  url: string;

  @MinLength(WEBHOOK_SECRET_MIN_LENGTH, {
    message: `must be a string of at least ${WEBHOOK_SECRET_MIN_LENGTH} characters`,
  })
  @IsString({ message: `must be a string of at least ${WEBHOOK_SECRET_MIN_LENGTH} characters` })
  secret: string;

  @Max(WEBHOOK_TIMEOUT_MAX_MS, { message: `must be at most ${WEBHOOK_TIMEOUT_MAX_MS}` })
  @Min(WEBHOOK_TIMEOUT_MIN_MS, { message: `must be at least ${WEBHOOK_TIMEOUT_MIN_MS}` })
  @IsInt({ message: 'must be a whole number of milliseconds' })
  timeoutMs: number;
}

/**
 * The transport's class follows its `kind`. JSON Schema generators (the services' OpenAPI
 * documents) call this without options.
 */
function transportClass(options?: TypeHelpOptions): new () => TransportEntry {
  const kind = (options?.object.transport as { kind?: unknown } | null | undefined)?.kind;
  if (kind === 'queue') return QueueTransportEntry;
  if (kind === 'webhook') return WebhookTransportEntry;
  return UnknownTransportEntry;
}

export class PartnerEntry {
  @Matches(PARTNER_ID_PATTERN, {
    message:
      'must be lowercase letters and digits in dash-separated words, at most 63 characters (it names the queue partner.<id>.inbox)',
  })
  @IsString({ message: 'must be a string' })
  id: string;

  @MaxLength(200, { message: 'must be at most 200 characters' })
  @IsNotEmpty({ message: 'must not be empty' })
  @IsString({ message: 'must be a string' })
  name: string;

  @IsOptional()
  @Type(() => PartnerFilterEntry)
  @ValidateNested()
  @IsObject({ message: 'must be an object' })
  filter?: PartnerFilterEntry;

  @IsBoolean({ message: 'must be true or false' })
  canRetract: boolean;

  @Type(transportClass)
  @ValidateNested()
  @IsObject({ message: 'must be an object: { "kind": "queue" } or a webhook' })
  transport: TransportEntry;
}

export class PartnersFileEntry {
  @Type(() => PartnerEntry)
  @ValidateNested({ each: true })
  @IsObject({ each: true, message: 'must hold partner objects' })
  @ArrayMinSize(1, { message: 'must list at least one partner' })
  @IsArray({ message: 'must be a list of partners' })
  partners: PartnerEntry[];
}
