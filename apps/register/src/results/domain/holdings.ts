import type { DeliveryRetractedDataV1, DeliverySucceededDataV1 } from '@rod/contracts';
import type { PartnerHolding } from './result-state';

/**
 * Which partners hold a result, from propagation's events. Applying an event twice, or
 * the events of different partners in any order, gives the same holdings; a retraction
 * confirmed before the delivery it retracts was seen still ends with the partner not
 * holding the result.
 */
export function afterDeliverySucceeded(
  holdings: PartnerHolding[],
  data: DeliverySucceededDataV1,
): PartnerHolding[] {
  if (data.kind === 'retraction')
    return afterRetraction(holdings, data.partnerId, data.deliveredAt);
  const current = holdings.find((h) => h.partnerId === data.partnerId);
  const holding: PartnerHolding = {
    ...current,
    partnerId: data.partnerId,
    canRetract: data.canRetract === true,
    deliveredAt:
      current && current.deliveredAt < data.deliveredAt ? current.deliveredAt : data.deliveredAt,
  };
  return replace(holdings, holding);
}

export function afterDeliveryRetracted(
  holdings: PartnerHolding[],
  data: DeliveryRetractedDataV1,
): PartnerHolding[] {
  return afterRetraction(holdings, data.partnerId, data.retractedAt);
}

function afterRetraction(
  holdings: PartnerHolding[],
  partnerId: string,
  retractedAt: string,
): PartnerHolding[] {
  const current = holdings.find((h) => h.partnerId === partnerId);
  if (current?.retractedAt !== undefined && current.retractedAt <= retractedAt) return holdings;
  return replace(holdings, {
    // A partner that retracted can retract; seen first, it is known by its retraction only.
    partnerId,
    canRetract: true,
    // The earliest instant seen, whichever retraction arrived first.
    deliveredAt: current && current.deliveredAt < retractedAt ? current.deliveredAt : retractedAt,
    retractedAt,
  });
}

function replace(holdings: PartnerHolding[], holding: PartnerHolding): PartnerHolding[] {
  return [...holdings.filter((h) => h.partnerId !== holding.partnerId), holding].sort((a, b) =>
    a.partnerId.localeCompare(b.partnerId),
  );
}
