import type { StatusPurpose, StatusSlot } from '../../extract-ports';
import { STATUS_LIST_SIZE, StatusPurposes } from '../../extract-ports';
import {
  EXTRACT_CREDENTIAL_TYPES,
  STATUS_ENTRY_TYPE,
  VC_CONTEXT_V2,
} from '../../issue/domain/extract-credential';

/** The result a credential states, as far as the verifier relies on it. */
export interface StatedResult {
  resultId: string;
  institutionCode: string;
  resultSequence: string;
  programme: { crohoCode: string; level: string; examType: string };
  examDate: string;
  studyMode: string;
  registeredAt: string;
}

/** A credential whose shape is an extract: what it states and where its status bits are. */
export interface CheckedExtract {
  result: StatedResult;
  status: Record<StatusPurpose, StatusSlot>;
}

export type CredentialCheck = { ok: true; extract: CheckedExtract } | { ok: false; reason: string };

/** What the checks compare a credential with: this register's issuer and status lists. */
export interface CredentialExpectations {
  issuer: string;
  now: Date;
  /** Allowed clock difference with the issuer, as for `nbf`. */
  clockToleranceSeconds: number;
  /** The URL of this register's status list credential `<listNumber>-<purpose>`. */
  statusListUrl: (listNumber: number, purpose: StatusPurpose) => string;
}

type Claims = Record<string, unknown>;

const isObject = (value: unknown): value is Claims =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const refused = (reason: string): CredentialCheck => ({ ok: false, reason });

/**
 * The checks of a credential's claims after its signature verified: a VC of data model
 * 2.0 of type HigherEducationResultCredential from this issuer, valid from now or
 * earlier, stating a result, with one revocation and one suspension entry, both in this
 * register's own status lists (a status list elsewhere could say anything).
 */
export function checkExtractCredential(
  claims: Claims,
  expected: CredentialExpectations,
): CredentialCheck {
  const context = claims['@context'];
  if (!Array.isArray(context) || context[0] !== VC_CONTEXT_V2) {
    return refused(`not a verifiable credential: @context must start with ${VC_CONTEXT_V2}`);
  }
  const type = claims.type;
  if (!Array.isArray(type) || !EXTRACT_CREDENTIAL_TYPES.every((t) => type.includes(t))) {
    return refused(
      `not a digital extract: type must hold ${EXTRACT_CREDENTIAL_TYPES.join(' and ')}`,
    );
  }
  const issuer = isObject(claims.issuer) ? claims.issuer.id : claims.issuer;
  if (issuer !== expected.issuer) {
    return refused('issued by someone else: the credential issuer is not this register');
  }
  const dates = checkDates(claims, expected);
  if (dates) return refused(dates);
  const result = statedResult(claims.credentialSubject);
  if (!result) return refused('the credentialSubject is not a result');
  const status = statusSlots(claims.credentialStatus, expected.statusListUrl);
  if (typeof status === 'string') return refused(status);
  return { ok: true, extract: { result, status } };
}

function checkDates(claims: Claims, expected: CredentialExpectations): string | undefined {
  const latest = expected.now.getTime() + expected.clockToleranceSeconds * 1000;
  const validFrom = typeof claims.validFrom === 'string' ? Date.parse(claims.validFrom) : NaN;
  if (Number.isNaN(validFrom)) return 'validFrom is missing or not a date-time';
  if (validFrom > latest) return 'not valid yet: validFrom is in the future';
  if (claims.validUntil !== undefined) {
    const validUntil = typeof claims.validUntil === 'string' ? Date.parse(claims.validUntil) : NaN;
    if (Number.isNaN(validUntil)) return 'validUntil is not a date-time';
    if (validUntil < expected.now.getTime() - expected.clockToleranceSeconds * 1000) {
      return 'the credential has expired (validUntil)';
    }
  }
  return undefined;
}

function statedResult(subject: unknown): StatedResult | undefined {
  if (!isObject(subject) || !isObject(subject.programme)) return undefined;
  const strings = [
    'resultId',
    'institutionCode',
    'resultSequence',
    'examDate',
    'studyMode',
    'registeredAt',
  ] as const;
  const programme = subject.programme;
  if (!strings.every((key) => typeof subject[key] === 'string')) return undefined;
  if (!['crohoCode', 'level', 'examType'].every((key) => typeof programme[key] === 'string')) {
    return undefined;
  }
  const text = (key: (typeof strings)[number]) => subject[key] as string;
  return {
    resultId: text('resultId'),
    institutionCode: text('institutionCode'),
    resultSequence: text('resultSequence'),
    programme: {
      crohoCode: programme.crohoCode as string,
      level: programme.level as string,
      examType: programme.examType as string,
    },
    examDate: text('examDate'),
    studyMode: text('studyMode'),
    registeredAt: text('registeredAt'),
  };
}

const LIST_ID = /\/(\d{1,9})-([a-z]+)$/;
const INDEX = /^(0|[1-9]\d{0,8})$/;

/** Both status entries as slots, or why they cannot be checked. */
function statusSlots(
  entries: unknown,
  statusListUrl: CredentialExpectations['statusListUrl'],
): Record<StatusPurpose, StatusSlot> | string {
  if (!Array.isArray(entries))
    return 'credentialStatus must list a revocation and a suspension entry';
  const slots: Partial<Record<StatusPurpose, StatusSlot>> = {};
  for (const entry of entries) {
    const slot = ourSlot(entry, statusListUrl);
    if (typeof slot === 'string') return slot;
    if (slots[slot.purpose]) return `credentialStatus has two ${slot.purpose} entries`;
    slots[slot.purpose] = { listNumber: slot.listNumber, index: slot.index };
  }
  const missing = StatusPurposes.filter((purpose) => !slots[purpose]);
  if (missing.length > 0) return `credentialStatus has no ${missing.join(' and ')} entry`;
  return slots as Record<StatusPurpose, StatusSlot>;
}

function ourSlot(
  entry: unknown,
  statusListUrl: CredentialExpectations['statusListUrl'],
): (StatusSlot & { purpose: StatusPurpose }) | string {
  if (!isObject(entry) || entry.type !== STATUS_ENTRY_TYPE) {
    return `every credentialStatus entry must be a ${STATUS_ENTRY_TYPE}`;
  }
  const purpose = entry.statusPurpose;
  if (!StatusPurposes.includes(purpose as StatusPurpose)) {
    return `a status entry has a statusPurpose this register does not use: ${String(purpose)}`;
  }
  const url = entry.statusListCredential;
  const listId = typeof url === 'string' ? LIST_ID.exec(url) : null;
  const listNumber = listId ? Number(listId[1]) : NaN;
  if (
    typeof url !== 'string' ||
    Number.isNaN(listNumber) ||
    listId?.[2] !== purpose ||
    statusListUrl(listNumber, purpose as StatusPurpose) !== url
  ) {
    return `the ${String(purpose)} entry points at a status list that is not this register's`;
  }
  const index = typeof entry.statusListIndex === 'string' ? entry.statusListIndex : '';
  if (!INDEX.test(index) || Number(index) >= STATUS_LIST_SIZE) {
    return `the ${String(purpose)} entry has no statusListIndex within the list`;
  }
  return { purpose: purpose as StatusPurpose, listNumber, index: Number(index) };
}
