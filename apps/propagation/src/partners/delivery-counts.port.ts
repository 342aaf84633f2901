/** The statuses of the delivery ledger (CONTRACT.md, `GET /v1/deliveries`). */
export const DeliveryStatuses = ['pending', 'delivered', 'parked', 'retracted', 'skipped'] as const;
export type DeliveryStatus = (typeof DeliveryStatuses)[number];

export type DeliveryCountsByPartner = Record<string, Partial<Record<DeliveryStatus, number>>>;

/** How many deliveries each partner has in each status; the delivery ledger answers it. */
export interface DeliveryCounts {
  /** Keyed by partner id; a missing partner or status counts 0. */
  countsByPartner(): Promise<DeliveryCountsByPartner>;
}

/** Bind a DeliveryCounts under this token, in a module whose providers the partners module sees. */
export const DELIVERY_COUNTS = Symbol('DELIVERY_COUNTS');
