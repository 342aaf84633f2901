import type { DeliverySucceededDataV1 } from '@rod/contracts';
import { afterDeliveryRetracted, afterDeliverySucceeded } from './holdings';
import type { PartnerHolding } from './result-state';

const delivered = (
  partnerId: string,
  deliveredAt: string,
  more: Partial<DeliverySucceededDataV1> = {},
): DeliverySucceededDataV1 => ({
  partnerId,
  kind: 'registration',
  deliveredEventId: 'e1',
  deliveredAt,
  attempts: 1,
  ...more,
});
const T1 = '2026-07-04T09:00:00.000Z';
const T2 = '2026-07-05T09:00:00.000Z';
const T3 = '2026-07-06T09:00:00.000Z';

describe('holdings', () => {
  it.each<[string, PartnerHolding[], PartnerHolding[]]>([
    [
      'a first delivery makes the partner a holder',
      afterDeliverySucceeded([], delivered('mijnoverheid', T1, { canRetract: true })),
      [{ partnerId: 'mijnoverheid', canRetract: true, deliveredAt: T1 }],
    ],
    [
      'a partner whose events do not say it can retract is taken as unable to',
      afterDeliverySucceeded([], delivered('cibg-big', T1)),
      [{ partnerId: 'cibg-big', canRetract: false, deliveredAt: T1 }],
    ],
    [
      'a later correction keeps the first delivery time',
      afterDeliverySucceeded(
        afterDeliverySucceeded([], delivered('cibg-big', T1)),
        delivered('cibg-big', T2, { kind: 'correction' }),
      ),
      [{ partnerId: 'cibg-big', canRetract: false, deliveredAt: T1 }],
    ],
    [
      'the earlier delivery seen last still counts as the first',
      afterDeliverySucceeded(
        afterDeliverySucceeded([], delivered('cibg-big', T2, { kind: 'correction' })),
        delivered('cibg-big', T1),
      ),
      [{ partnerId: 'cibg-big', canRetract: false, deliveredAt: T1 }],
    ],
    [
      'partners are kept sorted and apart',
      afterDeliverySucceeded(
        afterDeliverySucceeded([], delivered('mijnoverheid', T1, { canRetract: true })),
        delivered('cibg-big', T2),
      ),
      [
        { partnerId: 'cibg-big', canRetract: false, deliveredAt: T2 },
        { partnerId: 'mijnoverheid', canRetract: true, deliveredAt: T1 },
      ],
    ],
    [
      'a retraction ends the holding',
      afterDeliveryRetracted(
        afterDeliverySucceeded([], delivered('mijnoverheid', T1, { canRetract: true })),
        {
          partnerId: 'mijnoverheid',
          retractedAt: T3,
        },
      ),
      [{ partnerId: 'mijnoverheid', canRetract: true, deliveredAt: T1, retractedAt: T3 }],
    ],
    [
      'a successful retraction delivery ends it too',
      afterDeliverySucceeded(
        afterDeliverySucceeded([], delivered('mijnoverheid', T1, { canRetract: true })),
        delivered('mijnoverheid', T3, { kind: 'retraction', canRetract: true }),
      ),
      [{ partnerId: 'mijnoverheid', canRetract: true, deliveredAt: T1, retractedAt: T3 }],
    ],
    [
      'a delivery seen after its retraction does not revive the holding',
      afterDeliverySucceeded(
        afterDeliveryRetracted([], { partnerId: 'mijnoverheid', retractedAt: T3 }),
        delivered('mijnoverheid', T1, { canRetract: true }),
      ),
      [{ partnerId: 'mijnoverheid', canRetract: true, deliveredAt: T1, retractedAt: T3 }],
    ],
    [
      // Found by holdings in deletion-impact.property.spec.ts: the later retraction seen first
      // used to set deliveredAt to T3, the other order to T2.
      'two retractions known before any delivery give the same holding in either order',
      afterDeliveryRetracted(
        afterDeliveryRetracted([], { partnerId: 'mijnoverheid', retractedAt: T3 }),
        { partnerId: 'mijnoverheid', retractedAt: T2 },
      ),
      afterDeliveryRetracted(
        afterDeliveryRetracted([], { partnerId: 'mijnoverheid', retractedAt: T2 }),
        { partnerId: 'mijnoverheid', retractedAt: T3 },
      ),
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('is idempotent: the same event twice gives the same holdings', () => {
    const event = delivered('cibg-big', T1);
    const once = afterDeliverySucceeded([], event);
    expect(afterDeliverySucceeded(once, event)).toEqual(once);
    const retracted = afterDeliveryRetracted(once, { partnerId: 'cibg-big', retractedAt: T2 });
    expect(afterDeliveryRetracted(retracted, { partnerId: 'cibg-big', retractedAt: T2 })).toBe(
      retracted,
    );
  });
});
