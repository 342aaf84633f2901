/**
 * What the parts of the digital extract (issue 6) promise each other: the signing keys
 * and the status lists on one side, issuing and verifying on the other. Abstract classes,
 * so that they are also the Nest injection tokens.
 */

/** A JSON Web Key as published (public members only). */
export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid: string;
  alg?: string;
  use?: string;
}

/**
 * The register's extract signing keys, from configuration: the current key signs, every
 * configured key (current and retired) is published, so extracts signed before a rotation
 * still verify.
 */
export abstract class ExtractKeyRing {
  /** The issuer of every extract and status list: `REGISTER_PUBLIC_URL`. */
  abstract get issuer(): string;
  /** `GET /.well-known/jwks.json`: the public parts of every configured key. */
  abstract publicJwks(): { keys: PublicJwk[] };
  /**
   * Signs a JWT claims set (a VC of data model 2.0) as a VC-JWT: protected header
   * `{ alg: 'EdDSA', kid: <current key>, typ: 'vc+jwt' }`.
   */
  abstract signVcJwt(claims: Record<string, unknown>): Promise<string>;
}

export const StatusPurposes = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof StatusPurposes)[number];

/** An extract's place in the status lists: the same index in the list pair `listNumber`. */
export interface StatusSlot {
  listNumber: number;
  index: number;
}

/** One extract as the result's document keeps it (`extracts` in the register's `results`). */
export interface ExtractRecord extends StatusSlot {
  extractId: string;
  issuedAt: string;
  /** The key that signed it. */
  kid: string;
}

/**
 * The Bitstring Status Lists (W3C): per list number one list per purpose, each of
 * STATUS_LIST_SIZE entries, at `GET /v1/status-lists/<listNumber>-<purpose>`.
 */
export abstract class ExtractStatusLists {
  /** Reserves a random index not used before in the current list (a fresh list when it fills). */
  abstract allocate(): Promise<StatusSlot>;
  /** The absolute URL of the status list credential (`statusListCredential` in an entry). */
  abstract credentialUrl(listNumber: number, purpose: StatusPurpose): string;
  /** The bits as the published lists have them now. */
  abstract statusOf(slot: StatusSlot): Promise<{ revoked: boolean; suspended: boolean }>;
}

/** Entries per list: 131,072 (16 KiB), the W3C minimum, so a list reveals nothing about whom it is checked for. */
export const STATUS_LIST_SIZE = 131_072;

/** `<listNumber>-<purpose>`: the `{listId}` of `GET /v1/status-lists/{listId}`. */
export const statusListId = (listNumber: number, purpose: StatusPurpose): string =>
  `${listNumber}-${purpose}`;
