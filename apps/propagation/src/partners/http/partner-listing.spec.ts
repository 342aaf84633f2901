import type { PublicPartner } from '../domain/partner-public-view';
import type { DeliveryCountsByPartner } from '../delivery-counts.port';
import { partnerListing } from './partner-listing';

const partners: PublicPartner[] = [
  { id: 'cibg-big', name: 'CIBG', filter: {}, canRetract: false, transport: { kind: 'queue' } },
  { id: 'mijnoverheid', name: 'MO', filter: {}, canRetract: true, transport: { kind: 'queue' } },
];

const none = { pending: 0, delivered: 0, parked: 0, retracted: 0, skipped: 0 };

describe('partnerListing', () => {
  it('leaves deliveries out when nothing counts them', () => {
    const listing = partnerListing(partners, undefined);
    expect(listing).toEqual(partners);
    for (const partner of listing) expect(partner).not.toHaveProperty('deliveries');
  });

  it.each([
    ['no counts at all', {}, [none, none]],
    [
      'some statuses of one partner',
      { 'cibg-big': { delivered: 3, parked: 1 } },
      [{ ...none, delivered: 3, parked: 1 }, none],
    ],
    [
      'every status of both',
      {
        'cibg-big': { pending: 1, delivered: 2, parked: 3, retracted: 4, skipped: 5 },
        mijnoverheid: { pending: 6, delivered: 7, parked: 8, retracted: 9, skipped: 10 },
      },
      [
        { pending: 1, delivered: 2, parked: 3, retracted: 4, skipped: 5 },
        { pending: 6, delivered: 7, parked: 8, retracted: 9, skipped: 10 },
      ],
    ],
    ['a partner no longer configured', { gone: { delivered: 9 } }, [none, none]],
  ] as [string, DeliveryCountsByPartner, Record<string, number>[]][])(
    'counts every status of every partner, 0 where missing: %s',
    (_what, counts, expected) => {
      expect(partnerListing(partners, counts).map((p) => p.deliveries)).toEqual(expected);
    },
  );
});
