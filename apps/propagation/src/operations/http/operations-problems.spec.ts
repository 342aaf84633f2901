import { notParked, unknownDelivery } from './operations-problems';

describe('the problems of the operations API', () => {
  it.each([
    [
      'an unknown delivery',
      unknownDelivery('d-1'),
      { status: 404, type: 'https://rod.example/problems/unknown-delivery', deliveryId: 'd-1' },
    ],
    [
      'a delivery that is not parked, with its status',
      notParked('d-1', 'delivered'),
      {
        status: 409,
        type: 'https://rod.example/problems/not-parked',
        title: 'The delivery is not parked',
        detail: 'Delivery d-1 is delivered; only a parked delivery can be retried.',
        deliveryId: 'd-1',
        deliveryStatus: 'delivered',
      },
    ],
  ])('describe %s', (_what, exception, expected) => {
    expect(exception.getStatus()).toBe(expected.status);
    expect(exception.problem).toMatchObject(expected);
  });
});
