import type { ProblemError } from '@rod/platform';
import { ProblemException, problemType } from '@rod/platform';
import type { DeliveryStatus } from '../../ledger/domain/ledger-state';

/** 400: what is wrong with the query's parameters, one error per parameter. */
export function invalidQuery(errors: ProblemError[]): ProblemException {
  return new ProblemException(400, 'The query is not valid', 'See errors for each parameter.', {
    type: problemType('validation'),
    errors,
  });
}

/** 404: no result's ledger holds the delivery. */
export function unknownDelivery(deliveryId: string): ProblemException {
  return new ProblemException(404, 'No such delivery', `No delivery ${deliveryId} exists.`, {
    type: problemType('unknown-delivery'),
    deliveryId,
  });
}

/** 409: only a parked delivery can be retried; `deliveryStatus` says what it is instead. */
export function notParked(deliveryId: string, status: DeliveryStatus): ProblemException {
  return new ProblemException(
    409,
    'The delivery is not parked',
    `Delivery ${deliveryId} is ${status}; only a parked delivery can be retried.`,
    { type: problemType('not-parked'), deliveryId, deliveryStatus: status },
  );
}
