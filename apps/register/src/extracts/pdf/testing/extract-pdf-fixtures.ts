import { createHash, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ExtractPdfInput } from '../extract-pdf';

/** A valid BSN (11-check) that must never appear whole on the paper. */
export const A_BSN = '123456782';
/** A valid education number (remainder 5). */
export const AN_EDUCATION_NUMBER = '101234564';

const ISSUER = 'https://register.example.nl';
const EXTRACT_ID = '0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11';

/** The input of a bachelor's extract; the credential is a stand-in unless one is given. */
export const anExtractPdfInput = (overrides: Partial<ExtractPdfInput> = {}): ExtractPdfInput => ({
  credential: 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.e30.c2lnbmF0dXJl',
  verifyUrl: `${ISSUER}/v1/extracts/verify`,
  extractId: EXTRACT_ID,
  issuedAt: '2026-09-01T10:00:00.000Z',
  resultId: '21PA-2026000123',
  institutionCode: '21PA',
  programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  examDate: '2026-07-03',
  studyMode: 'full-time',
  personNumber: A_BSN,
  personNumberKind: 'bsn',
  ...overrides,
});

export interface CredentialOptions {
  issuer?: string;
  person?: { bsn: string } | { educationNumber: string };
  /** Grow the credential (with a `description`) until it is at least this many characters. */
  minLength?: number;
}

/**
 * A compact VC-JWT as the register issues it (VC data model 2.0, two status entries),
 * signed with Ed25519: as long and as random-looking as a real one. The key is derived from
 * a fixed seed and Ed25519 signatures are deterministic, so the same options give the same
 * credential, and a rendering test gives the same pixels every run.
 */
export async function aSignedCredential(options: CredentialOptions = {}): Promise<string> {
  const privateKey = testSigningKey();
  const issuer = options.issuer ?? ISSUER;
  for (let length = 0; ; length++) {
    const description = DESCRIPTION.repeat(Math.ceil(length / DESCRIPTION.length) || 1).slice(
      0,
      length,
    );
    const jwt = await new SignJWT(credentialClaims(issuer, options.person, description))
      .setProtectedHeader({ alg: 'EdDSA', kid: 'rod-extracts-2026-09-kZ3xL0pVwQe', typ: 'vc+jwt' })
      .sign(privateKey);
    if (jwt.length >= (options.minLength ?? 0)) return jwt;
  }
}

/** Text that pads a credential to a given length, one character at a time. */
const DESCRIPTION =
  'Digital extract of a higher-education result, issued by the register at the request of the student. ';

function credentialClaims(
  issuer: string,
  person: CredentialOptions['person'] = { bsn: A_BSN },
  description: string,
): Record<string, unknown> {
  const id = `urn:uuid:${EXTRACT_ID}`;
  const seconds = Date.parse('2026-09-01T10:00:00.000Z') / 1000;
  const list = (purpose: string) => `${issuer}/v1/status-lists/12-${purpose}`;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'HigherEducationResultCredential'],
    issuer,
    validFrom: '2026-09-01T10:00:00.000Z',
    ...(description ? { description } : {}),
    credentialSubject: {
      resultId: '21PA-2026000123',
      institutionCode: '21PA',
      resultSequence: '2026000123',
      person,
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
      examDate: '2026-07-03',
      studyMode: 'full-time',
      registeredAt: '2026-07-04T09:12:00.000Z',
    },
    credentialStatus: ['revocation', 'suspension'].map((purpose) => ({
      id: `${list(purpose)}#94021`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: '94021',
      statusListCredential: list(purpose),
    })),
    iss: issuer,
    jti: id,
    iat: seconds,
    nbf: seconds,
  };
}

/** An Ed25519 private key from a fixed seed (PKCS #8: a fixed prefix, then the 32-byte seed). */
function testSigningKey(): KeyObject {
  const seed = createHash('sha256').update('extract-pdf test signing key').digest();
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}
