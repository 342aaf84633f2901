import isUUID from 'validator/lib/isUUID';
import { deliveryIdOf } from './delivery-id';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENT = '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d11';
const OTHER_EVENT = '6f1c1f5e-3d0a-4a43-9a55-2b8b3f0c9d12';

describe('deliveryIdOf', () => {
  it.each([['cibg-big'], ['mijnoverheid']])(
    'is the same every time for %s and one event',
    (partnerId) => {
      expect(deliveryIdOf(partnerId, EVENT)).toBe(deliveryIdOf(partnerId, EVENT));
    },
  );

  it('is fixed across runs and releases (a partner drops duplicates by it)', () => {
    // sha256("mijnoverheid\n" + EVENT), first 16 bytes, version 8 and variant bits set.
    expect(deliveryIdOf('mijnoverheid', EVENT)).toBe('98a722bf-bdc6-853e-9840-68aa6c71f797');
  });

  it.each([
    ['another partner', ['cibg-big', EVENT], ['mijnoverheid', EVENT]],
    ['another event', ['cibg-big', EVENT], ['cibg-big', OTHER_EVENT]],
    ['ids that would run together without a separator', ['ab', 'c'], ['a', 'bc']],
  ])('differs for %s', (_name, [p1, e1], [p2, e2]) => {
    expect(deliveryIdOf(p1, e1)).not.toBe(deliveryIdOf(p2, e2));
  });

  it.each([['cibg-big'], ['mijnoverheid'], ['']])(
    'has the shape of a UUID for partner %p',
    (partnerId) => {
      expect(deliveryIdOf(partnerId, EVENT)).toMatch(UUID_SHAPE);
    },
  );

  // PartnerDeliveryV1 declares deliveryId @IsUUID('all'), which wants a version nibble of
  // 1-8 and variant bits 10xx; raw hash digits have them only one time in eight.
  it('is a UUID as PartnerDeliveryV1 checks it', () => {
    const ids = ['cibg-big', 'mijnoverheid'].flatMap((partnerId) =>
      Array.from({ length: 8 }, (_, i) => deliveryIdOf(partnerId, `${EVENT.slice(0, -1)}${i}`)),
    );
    expect(ids.filter((id) => !isUUID(id, 'all'))).toEqual([]);
  });
});
