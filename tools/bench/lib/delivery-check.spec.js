'use strict';
const { describe, it, expect } = require('@jest/globals');
const { checkDeliveries } = require('./delivery-check');

const sequences = new Map([
  ['e1', 1],
  ['e2', 2],
  ['e3', 3],
  ['f1', 1],
]);
const seq = (id) => sequences.get(id);
const d = (partnerId, eventId, resultId = 'R1', deliveryId = `${partnerId}/${eventId}`) => ({
  partnerId,
  eventId,
  resultId,
  deliveryId,
});

describe('checkDeliveries', () => {
  it('finds nothing wrong in order, one delivery per event and partner', () => {
    const found = checkDeliveries(
      [d('p', 'e1'), d('q', 'e1'), d('p', 'e2'), d('q', 'e2'), d('p', 'f1', 'R2'), d('p', 'e3')],
      seq,
    );
    expect(found).toMatchObject({
      deliveries: 6,
      duplicateDeliveryIds: 0,
      duplicateEvents: 0,
      outOfOrder: 0,
      unknownSequence: 0,
      examples: [],
    });
  });

  it('counts the same deliveryId twice, and the same event under another deliveryId', () => {
    const found = checkDeliveries([d('p', 'e1'), d('p', 'e1'), d('p', 'e1', 'R1', 'other')], seq);
    expect(found.duplicateDeliveryIds).toBe(1);
    expect(found.duplicateEvents).toBe(1);
    expect(found.outOfOrder).toBe(0);
  });

  it('counts an event with a lower sequence after a higher one, per partner and result', () => {
    const found = checkDeliveries(
      [d('p', 'e2'), d('q', 'e1'), d('p', 'e1'), d('q', 'e2'), d('p', 'e3'), d('p', 'f1', 'R2')],
      seq,
    );
    expect(found.outOfOrder).toBe(1);
    expect(found.examples).toEqual([
      { what: 'out of order', partnerId: 'p', resultId: 'R1', sequence: 1, after: 2 },
    ]);
  });

  it('tells a late duplicate from an out-of-order first delivery', () => {
    const found = checkDeliveries([d('p', 'e1'), d('p', 'e2'), d('p', 'e1')], seq);
    expect(found).toMatchObject({ duplicateDeliveryIds: 1, outOfOrder: 0, staleDuplicates: 1 });
  });

  it('counts deliveries of events it has no sequence for', () => {
    expect(checkDeliveries([d('p', 'x')], seq).unknownSequence).toBe(1);
  });
});
