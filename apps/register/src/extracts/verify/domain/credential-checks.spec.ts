import { aRecord } from '../../../results/domain/testing/records';
import type { StatusPurpose } from '../../extract-ports';
import { extractCredential } from '../../issue/domain/extract-credential';
import type { CredentialExpectations } from './credential-checks';
import { checkExtractCredential } from './credential-checks';

const ISSUER = 'https://register.example';
const listUrl = (n: number, purpose: StatusPurpose) => `${ISSUER}/v1/status-lists/${n}-${purpose}`;
const NOW = new Date('2026-09-01T10:00:00.000Z');

const expected: CredentialExpectations = {
  issuer: ISSUER,
  now: NOW,
  clockToleranceSeconds: 60,
  statusListUrl: listUrl,
};

type Claims = Record<string, unknown>;

const claims = (): Claims =>
  JSON.parse(
    JSON.stringify(
      extractCredential({
        extractId: '0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
        issuer: ISSUER,
        issuedAt: '2026-09-01T09:00:00.000Z',
        result: aRecord(),
        slot: { listNumber: 2, index: 77 },
        statusListUrl: listUrl,
      }),
    ),
  ) as Claims;

const entries = (c: Claims) => c.credentialStatus as Claims[];
const change = (edit: (c: Claims) => void) => (): Claims => {
  const c = claims();
  edit(c);
  return c;
};

describe('checkExtractCredential', () => {
  it('accepts an extract as issued: the result and both status slots', () => {
    expect(checkExtractCredential(claims(), expected)).toEqual({
      ok: true,
      extract: {
        result: {
          resultId: '21PA-2026000123',
          institutionCode: '21PA',
          resultSequence: '2026000123',
          programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
          examDate: '2026-07-03',
          studyMode: 'full-time',
          registeredAt: '2026-07-04T09:12:00.000Z',
        },
        status: {
          revocation: { listNumber: 2, index: 77 },
          suspension: { listNumber: 2, index: 77 },
        },
      },
    });
  });

  it.each<[string, () => Claims]>([
    ['the entries in the other order', change((c) => entries(c).reverse())],
    ['the issuer as an object', change((c) => (c.issuer = { id: ISSUER, name: 'DUO' }))],
    ['validFrom within the clock tolerance', change((c) => (c.validFrom = '2026-09-01T10:00:59Z'))],
    ['a validUntil still ahead', change((c) => (c.validUntil = '2099-01-01T00:00:00Z'))],
    [
      'more contexts after the first',
      change((c) => (c['@context'] = [(c['@context'] as string[])[0], 'https://x.example'])),
    ],
  ])('accepts %s', (_name, make) => {
    expect(checkExtractCredential(make(), expected).ok).toBe(true);
  });

  it.each<[string, () => Claims, string]>([
    ['no @context', change((c) => delete c['@context']), '@context'],
    [
      'the VC 1.1 context',
      change((c) => (c['@context'] = ['https://www.w3.org/2018/credentials/v1'])),
      '@context',
    ],
    ['no type', change((c) => delete c.type), 'not a digital extract'],
    [
      'another credential type',
      change((c) => (c.type = ['VerifiableCredential', 'DriversLicence'])),
      'not a digital extract',
    ],
    [
      'another issuer',
      change((c) => (c.issuer = 'https://elsewhere.example')),
      'issued by someone else',
    ],
    ['no issuer', change((c) => delete c.issuer), 'issued by someone else'],
    ['no validFrom', change((c) => delete c.validFrom), 'validFrom'],
    ['a validFrom that is no date', change((c) => (c.validFrom = 'soon')), 'validFrom'],
    [
      'a validFrom in the future',
      change((c) => (c.validFrom = '2026-09-01T10:01:01Z')),
      'not valid yet',
    ],
    ['a validUntil passed', change((c) => (c.validUntil = '2026-08-01T00:00:00Z')), 'expired'],
    ['no credentialSubject', change((c) => delete c.credentialSubject), 'credentialSubject'],
    [
      'a subject without programme',
      change((c) => delete (c.credentialSubject as Claims).programme),
      'credentialSubject',
    ],
    [
      'a subject with a numeric resultId',
      change((c) => ((c.credentialSubject as Claims).resultId = 1)),
      'credentialSubject',
    ],
    ['no credentialStatus', change((c) => delete c.credentialStatus), 'credentialStatus'],
    [
      'a single status object',
      change((c) => (c.credentialStatus = entries(c)[0])),
      'credentialStatus',
    ],
    [
      'no suspension entry',
      change((c) => (c.credentialStatus = [entries(c)[0]])),
      'no suspension entry',
    ],
    [
      'two revocation entries',
      change((c) => (c.credentialStatus = [entries(c)[0], entries(c)[0]])),
      'two revocation',
    ],
    [
      'an entry of another type',
      change((c) => (entries(c)[0].type = 'StatusList2021Entry')),
      'BitstringStatusListEntry',
    ],
    [
      'an entry of another purpose',
      change((c) => (entries(c)[1].statusPurpose = 'message')),
      'statusPurpose',
    ],
    [
      'a status list elsewhere',
      change(
        (c) =>
          (entries(c)[0].statusListCredential =
            'https://evil.example/v1/status-lists/2-revocation'),
      ),
      'not this register',
    ],
    [
      'a status list of another purpose',
      change((c) => (entries(c)[0].statusListCredential = listUrl(2, 'suspension'))),
      'not this register',
    ],
    [
      'our URL with something after it',
      change((c) => (entries(c)[0].statusListCredential = `${listUrl(2, 'revocation')}?x=1`)),
      'not this register',
    ],
    [
      'an index that is a number',
      change((c) => (entries(c)[0].statusListIndex = 77)),
      'statusListIndex',
    ],
    ['a negative index', change((c) => (entries(c)[0].statusListIndex = '-1')), 'statusListIndex'],
    [
      'an index past the list',
      change((c) => (entries(c)[0].statusListIndex = '131072')),
      'statusListIndex',
    ],
    [
      'an index with a leading zero',
      change((c) => (entries(c)[0].statusListIndex = '077')),
      'statusListIndex',
    ],
  ])('refuses %s', (_name, make, reason) => {
    const checked = checkExtractCredential(make(), expected);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toContain(reason);
  });
});
