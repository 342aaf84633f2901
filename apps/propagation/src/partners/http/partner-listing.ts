import type { PublicPartner } from '../domain/partner-public-view';
import type { DeliveryCountsByPartner, DeliveryStatus } from '../delivery-counts.port';
import { DeliveryStatuses } from '../delivery-counts.port';

export type PartnerListing = PublicPartner & { deliveries?: Record<DeliveryStatus, number> };

/**
 * The partners for `GET /v1/partners`, each with its deliveries counted in every status
 * (0 where the ledger has none); without `deliveries` when no ledger counts them.
 */
export function partnerListing(
  partners: PublicPartner[],
  counts: DeliveryCountsByPartner | undefined,
): PartnerListing[] {
  if (!counts) return partners;
  return partners.map((partner) => ({
    ...partner,
    deliveries: Object.fromEntries(
      DeliveryStatuses.map((status) => [status, counts[partner.id]?.[status] ?? 0]),
    ) as Record<DeliveryStatus, number>,
  }));
}
