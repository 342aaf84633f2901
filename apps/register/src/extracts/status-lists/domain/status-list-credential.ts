import type { StatusPurpose } from '../../extract-ports';

/** What a status list credential says (the claims of its VC-JWT). */
export interface StatusListCredentialInput {
  /** Its own URL: `<REGISTER_PUBLIC_URL>/v1/status-lists/<listNumber>-<purpose>`. */
  url: string;
  issuer: string;
  purpose: StatusPurpose;
  encodedList: string;
  /** When this version of the list was made (ISO 8601). */
  validFrom: string;
  /** How long a verifier may keep it, in milliseconds (the specification's unit). */
  ttlMs: number;
}

/**
 * A `BitstringStatusListCredential` (W3C Bitstring Status List v1.0, VC data model 2.0) as
 * JWT claims. Nothing in it depends on the time it is built, so the same list signs to the
 * same JWT (Ed25519 is deterministic) and its ETag stays valid across rebuilds.
 */
export function statusListCredential(input: StatusListCredentialInput): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom,
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
      ttl: input.ttlMs,
    },
    // The JWT issuer claim as VC-JOSE-COSE lets it be, for verifiers that check `iss`.
    iss: input.issuer,
  };
}
