import type { PersonV1, ProgrammeV1, StudyMode } from '@rod/contracts';
import type { ResultRecord } from '../../../results/domain/result-state';
import type { StatusPurpose, StatusSlot } from '../../extract-ports';
import { StatusPurposes } from '../../extract-ports';

/** The context of the W3C Verifiable Credentials Data Model 2.0. */
export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
/** The credential type of a digital extract. */
export const EXTRACT_CREDENTIAL_TYPE = 'HigherEducationResultCredential';
export const EXTRACT_CREDENTIAL_TYPES = ['VerifiableCredential', EXTRACT_CREDENTIAL_TYPE] as const;
/** The status entry type of the W3C Bitstring Status List. */
export const STATUS_ENTRY_TYPE = 'BitstringStatusListEntry';

/** The result as the extract states it: with the person's number, as CONTRACT.md says. */
export interface ExtractSubject {
  resultId: string;
  institutionCode: string;
  resultSequence: string;
  person: PersonV1;
  programme: ProgrammeV1;
  examDate: string;
  studyMode: StudyMode;
  registeredAt: string;
}

/** One `BitstringStatusListEntry`. */
export interface StatusEntry {
  id: string;
  type: typeof STATUS_ENTRY_TYPE;
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

/** The JWT claims set of an extract, which is the credential itself (VC-JOSE-COSE). */
export type ExtractCredential = {
  '@context': [typeof VC_CONTEXT_V2];
  id: string;
  type: typeof EXTRACT_CREDENTIAL_TYPES;
  issuer: string;
  validFrom: string;
  credentialSubject: ExtractSubject;
  credentialStatus: StatusEntry[];
  iss: string;
  jti: string;
  iat: number;
  nbf: number;
};

export interface ExtractCredentialInput {
  extractId: string;
  issuer: string;
  /** Whole seconds (see `issuingInstant`), so that `validFrom` and `nbf` say the same. */
  issuedAt: string;
  result: Pick<ResultRecord, '_id' | 'institutionCode' | 'fields' | 'registeredAt'>;
  slot: StatusSlot;
  /** The URL of status list credential `<listNumber>-<purpose>`. */
  statusListUrl: (listNumber: number, purpose: StatusPurpose) => string;
}

/** An instant cut to whole seconds: JWT times are seconds, and `validFrom` must equal `nbf`. */
export const issuingInstant = (now: Date): string =>
  new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();

/**
 * The digital extract of a result as a W3C Verifiable Credential (data model 2.0) whose
 * claims set is the credential, with the JWT claims that repeat it (`iss`, `jti`, `iat`,
 * `nbf`). No `exp` and no `validUntil`: a diploma does not expire; withdrawal is the
 * revocation bit. One status entry per purpose, at the same index of the list pair.
 */
export function extractCredential(input: ExtractCredentialInput): ExtractCredential {
  const { result, slot } = input;
  const id = `urn:uuid:${input.extractId}`;
  const seconds = Math.floor(Date.parse(input.issuedAt) / 1000);
  return {
    '@context': [VC_CONTEXT_V2],
    id,
    type: EXTRACT_CREDENTIAL_TYPES,
    issuer: input.issuer,
    validFrom: input.issuedAt,
    credentialSubject: {
      resultId: result._id,
      institutionCode: result.institutionCode,
      resultSequence: result.fields.resultSequence,
      person: personOf(result.fields.person),
      programme: {
        crohoCode: result.fields.programme.crohoCode,
        level: result.fields.programme.level,
        examType: result.fields.programme.examType,
      },
      examDate: result.fields.examDate,
      studyMode: result.fields.studyMode,
      registeredAt: result.registeredAt,
    },
    credentialStatus: StatusPurposes.map((purpose) => {
      const url = input.statusListUrl(slot.listNumber, purpose);
      return {
        id: `${url}#${slot.index}`,
        type: STATUS_ENTRY_TYPE,
        statusPurpose: purpose,
        statusListIndex: String(slot.index),
        statusListCredential: url,
      };
    }),
    iss: input.issuer,
    jti: id,
    iat: seconds,
    nbf: seconds,
  };
}

/** Exactly the number the result holds, nothing else a stored document might carry. */
function personOf(person: PersonV1): PersonV1 {
  return person.bsn !== undefined
    ? { bsn: person.bsn }
    : { educationNumber: person.educationNumber };
}
