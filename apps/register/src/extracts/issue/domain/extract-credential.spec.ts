import { aRecord } from '../../../results/domain/testing/records';
import type { StatusPurpose } from '../../extract-ports';
import type { ExtractCredentialInput } from './extract-credential';
import { extractCredential, issuingInstant } from './extract-credential';

const ISSUER = 'https://register.example';
const listUrl = (n: number, purpose: StatusPurpose) => `${ISSUER}/v1/status-lists/${n}-${purpose}`;

const input = (overrides: Partial<ExtractCredentialInput> = {}): ExtractCredentialInput => ({
  extractId: '0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
  issuer: ISSUER,
  issuedAt: '2026-09-01T10:00:00.000Z',
  result: aRecord(),
  slot: { listNumber: 3, index: 4711 },
  statusListUrl: listUrl,
  ...overrides,
});

describe('extractCredential', () => {
  it('is a VC of data model 2.0 whose claims set is the credential', () => {
    expect(extractCredential(input())).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
      type: ['VerifiableCredential', 'HigherEducationResultCredential'],
      issuer: ISSUER,
      validFrom: '2026-09-01T10:00:00.000Z',
      credentialSubject: {
        resultId: '21PA-2026000123',
        institutionCode: '21PA',
        resultSequence: '2026000123',
        person: { bsn: '123456782' },
        programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
        registeredAt: '2026-07-04T09:12:00.000Z',
      },
      credentialStatus: [
        {
          id: `${ISSUER}/v1/status-lists/3-revocation#4711`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '4711',
          statusListCredential: `${ISSUER}/v1/status-lists/3-revocation`,
        },
        {
          id: `${ISSUER}/v1/status-lists/3-suspension#4711`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'suspension',
          statusListIndex: '4711',
          statusListCredential: `${ISSUER}/v1/status-lists/3-suspension`,
        },
      ],
      iss: ISSUER,
      jti: 'urn:uuid:0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
      iat: Date.parse('2026-09-01T10:00:00.000Z') / 1000,
      nbf: Date.parse('2026-09-01T10:00:00.000Z') / 1000,
    });
  });

  it.each([
    ['a BSN', { bsn: '123456782' }],
    ['an education number', { educationNumber: '101234567' }],
  ])('states the person by %s, and nothing else of the person', (_name, person) => {
    const result = aRecord({
      fields: { ...aRecord().fields, person: { ...person, extra: 'x' } as never },
    });
    expect(extractCredential(input({ result })).credentialSubject.person).toEqual(person);
  });

  it.each([
    ['index 0 of list 1', { listNumber: 1, index: 0 }, '1-revocation#0', '0'],
    ['the last index', { listNumber: 7, index: 131_071 }, '7-revocation#131071', '131071'],
  ])('points both entries at the same slot: %s', (_name, slot, revocationId, index) => {
    const [revocation, suspension] = extractCredential(input({ slot })).credentialStatus;
    expect(revocation?.id).toBe(`${ISSUER}/v1/status-lists/${revocationId}`);
    expect(revocation?.statusListIndex).toBe(index);
    expect(suspension?.statusListIndex).toBe(index);
    expect(suspension?.statusListCredential).toBe(listUrl(slot.listNumber, 'suspension'));
  });

  it('never expires: no exp and no validUntil', () => {
    const credential = extractCredential(input());
    expect(credential).not.toHaveProperty('exp');
    expect(credential).not.toHaveProperty('validUntil');
  });
});

describe('issuingInstant', () => {
  it.each([
    ['2026-09-01T10:00:00.999Z', '2026-09-01T10:00:00.000Z'],
    ['2026-09-01T10:00:01.000Z', '2026-09-01T10:00:01.000Z'],
  ])('cuts %s to whole seconds', (now, expected) => {
    expect(issuingInstant(new Date(now))).toBe(expected);
  });
});
