import type { DeliveryStatus } from '../../ledger/domain/ledger-state';
import { DeliveryStatuses } from '../../ledger/domain/ledger-state';
import type { RawQuery } from './query-parameters';
import { QueryParameters } from './query-parameters';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** `GET /v1/deliveries?resultId=&partnerId=&status=&limit=`, checked. */
export interface DeliveriesQuery {
  resultId?: string;
  partnerId?: string;
  status?: DeliveryStatus;
  limit: number;
}

const isStatus = (value: string): value is DeliveryStatus =>
  (DeliveryStatuses as readonly string[]).includes(value);

/** The checked query; a 400 problem naming every bad parameter. */
export function deliveriesQuery(raw: RawQuery): DeliveriesQuery {
  const parameters = new QueryParameters(raw);
  const resultId = parameters.text('resultId');
  const partnerId = parameters.text('partnerId');
  const status = parameters.text('status');
  const limit = parameters.text('limit');
  if (status !== undefined && !isStatus(status)) {
    parameters.reject('status', `status must be one of ${DeliveryStatuses.join(', ')}`);
  }
  const count = limit === undefined ? DEFAULT_LIMIT : Number(limit);
  if (limit !== undefined && !(/^\d+$/.test(limit) && count >= 1 && count <= MAX_LIMIT)) {
    parameters.reject('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  }
  return parameters.result({
    ...(resultId === undefined ? {} : { resultId }),
    ...(partnerId === undefined ? {} : { partnerId }),
    ...(status === undefined ? {} : { status: status as DeliveryStatus }),
    limit: count,
  });
}
