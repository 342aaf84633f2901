import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validateSync } from 'class-validator';
import type { Partner, PartnerFilter, PartnerTransport } from '../domain/partner';
import { partnerEnvName } from '../domain/partner-id';
import { applyPartnerVariables } from './partner-variables';
import type { PartnerEntry, TransportEntry, WebhookTransportEntry } from './partners-file.schema';
import { PartnersFileEntry } from './partners-file.schema';

export type PartnersParsed = { ok: true; partners: Partner[] } | { ok: false; problems: string[] };

/**
 * Checks the parsed partners file with the partner variables applied, and turns it into
 * partners. Every problem starts with `fileLabel` or the variable's name, and names the
 * partner (by id and place in the list) and the field; none holds a value.
 */
export function parsePartnersFile(
  content: unknown,
  variables: Record<string, string> = {},
  fileLabel = 'partners file',
): PartnersParsed {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    return { ok: false, problems: [`${fileLabel}: must be a JSON object { "partners": [ … ] }`] };
  }
  const listed = (content as { partners?: unknown }).partners;
  const { partners, problems }: { partners: unknown; problems: string[] } = Array.isArray(listed)
    ? applyPartnerVariables(listed, variables)
    : { partners: listed, problems: [] };
  const file = plainToInstance(PartnersFileEntry, { ...content, partners });
  const errors = validateSync(file, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  const fileProblems = errors.flatMap((error) => describe(error, '', file));
  if (fileProblems.length === 0) fileProblems.push(...duplicateIds(file.partners));
  problems.push(...fileProblems.map((problem) => `${fileLabel}: ${problem}`));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, partners: file.partners.map(toPartner) };
}

function describe(error: ValidationError, parent: string, file: PartnersFileEntry): string[] {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.entries(error.constraints ?? {}).map(([name, message]) =>
    labelled(path, name === 'whitelistValidation' ? 'is not a known field' : message, file),
  );
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, path, file))];
}

/** `partners.1.transport.secret` → `partner "hook" (partners[1]): transport.secret: …`. */
function labelled(path: string, message: string, file: PartnersFileEntry): string {
  const match = /^partners\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!match) return `${path}: ${message}`;
  const index = Number(match[1]);
  const id: unknown = (file.partners[index] as Partial<PartnerEntry> | undefined)?.id;
  const partner =
    typeof id === 'string' ? `partner "${id}" (partners[${index}])` : `partners[${index}]`;
  const field = match[2];
  if (!field) return `${partner}: ${message}`;
  return `${partner}: ${field}: ${message}${hintFor(field, id)}`;
}

/** Where a webhook's secret or URL may come from instead of the file. */
function hintFor(field: string, id: unknown): string {
  if (typeof id !== 'string' || (field !== 'transport.secret' && field !== 'transport.url')) {
    return '';
  }
  const variable = `PARTNER_${partnerEnvName(id)}_${field === 'transport.secret' ? 'SECRET' : 'URL'}`;
  return ` (in the file or in ${variable})`;
}

function duplicateIds(partners: PartnerEntry[]): string[] {
  const places = new Map<string, number[]>();
  partners.forEach((p, index) => places.set(p.id, [...(places.get(p.id) ?? []), index]));
  return [...places]
    .filter(([, at]) => at.length > 1)
    .map(
      ([id, at]) =>
        `partner "${id}" is listed more than once (${at.map((i) => `partners[${i}]`).join(', ')}): ids must be unique`,
    );
}

function toPartner(entry: PartnerEntry): Partner {
  return {
    id: entry.id,
    name: entry.name,
    filter: toFilter(entry.filter),
    canRetract: entry.canRetract,
    transport: toTransport(entry.transport),
  };
}

function toFilter(entry: PartnerEntry['filter']): PartnerFilter {
  const filter: PartnerFilter = {};
  if (entry?.levels) filter.levels = [...entry.levels];
  if (entry?.examTypes) filter.examTypes = [...entry.examTypes];
  if (entry?.crohoCodes) filter.crohoCodes = [...entry.crohoCodes];
  return filter;
}

function toTransport(entry: TransportEntry): PartnerTransport {
  if (entry.kind === 'queue') return { kind: 'queue' };
  const { url, secret, timeoutMs } = entry as WebhookTransportEntry;
  return { kind: 'webhook', url, secret, timeoutMs };
}
