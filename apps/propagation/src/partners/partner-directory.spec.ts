import type { Partner } from './domain/partner';
import { PartnerDirectory } from './partner-directory';

const SECRET = 'a-very-secret-webhook-key';

const partners: Partner[] = [
  {
    id: 'cibg-big',
    name: 'CIBG',
    filter: { crohoCodes: ['56551'] },
    canRetract: false,
    transport: { kind: 'queue' },
  },
  {
    id: 'hook',
    name: 'Hook',
    filter: {},
    canRetract: true,
    transport: {
      kind: 'webhook',
      url: 'https://partner.example/hook',
      secret: SECRET,
      timeoutMs: 5000,
    },
  },
];

describe('PartnerDirectory', () => {
  const directory = new PartnerDirectory(partners);

  it('gives every partner, in the order of the file, secrets included for sending', () => {
    expect(directory.all()).toEqual(partners);
  });

  it.each([
    ['cibg-big', partners[0]],
    ['hook', partners[1]],
    ['unknown', undefined],
  ])('finds %p', (id, expected) => {
    expect(directory.get(id)).toEqual(expected);
  });

  it('shows the partners without the webhook secret', () => {
    const view = directory.publicView();
    expect(view.map((p) => p.transport)).toEqual([
      { kind: 'queue' },
      { kind: 'webhook', url: 'https://partner.example/hook', timeoutMs: 5000, hasSecret: true },
    ]);
    expect(JSON.stringify(view)).not.toContain(SECRET);
  });

  it('cannot be changed through what it gives, nor through what it was given', () => {
    const given = structuredClone(partners);
    const own = new PartnerDirectory(given);
    given[0].filter.crohoCodes?.push('66550');
    expect(own.get('cibg-big')?.filter.crohoCodes).toEqual(['56551']);
    expect(() => own.get('cibg-big')?.filter.crohoCodes?.push('66550')).toThrow(/not extensible/);
    own.all().pop();
    expect(own.all()).toHaveLength(2);
  });
});
