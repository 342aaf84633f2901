import { statusListCredential } from './status-list-credential';

describe('statusListCredential', () => {
  it('is a BitstringStatusListCredential of VC data model 2.0 pointing at its own URL', () => {
    const url = 'https://register.example/v1/status-lists/3-suspension';
    expect(
      statusListCredential({
        url,
        issuer: 'https://register.example',
        purpose: 'suspension',
        encodedList: 'uH4sI',
        validFrom: '2026-11-28T10:00:00.000Z',
        ttlMs: 60_000,
      }),
    ).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'https://register.example',
      validFrom: '2026-11-28T10:00:00.000Z',
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
        encodedList: 'uH4sI',
        ttl: 60_000,
      },
      iss: 'https://register.example',
    });
  });
});
