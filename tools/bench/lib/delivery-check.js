'use strict';
// What partners received, checked as a partner would: a delivery seen twice (the same
// deliveryId, or the same result event under another deliveryId) is a duplicate, and a
// result's event arriving after an event of that result with a higher sequence is out of
// order (CONTRACT.md: deliveries follow the result's history). Per partner, in the order
// its inbox handed the deliveries out.

/**
 * `deliveries`: `[{ partnerId, deliveryId, eventId, resultId }]` in arrival order;
 * `sequenceOf(eventId)`: the event's `sequence` (from results.events), or undefined.
 * Returns counts and a few examples.
 */
function checkDeliveries(deliveries, sequenceOf, { examples = 5 } = {}) {
  const seenDeliveryIds = new Set();
  const seenEvents = new Set(); // partner \n eventId
  const highest = new Map(); // partner \n resultId -> highest sequence so far
  const found = {
    deliveries: deliveries.length,
    duplicateDeliveryIds: 0,
    duplicateEvents: 0,
    outOfOrder: 0,
    staleDuplicates: 0,
    unknownSequence: 0,
    examples: [],
  };
  const example = (what, d, extra = {}) => {
    if (found.examples.length < examples) {
      found.examples.push({
        what,
        partnerId: d.partnerId,
        resultId: d.resultId,
        ...(d.kind ? { kind: d.kind } : {}),
        ...extra,
      });
    }
  };
  for (const d of deliveries) {
    const eventKey = `${d.partnerId}\n${d.eventId}`;
    let duplicate = false;
    if (seenDeliveryIds.has(d.deliveryId)) {
      found.duplicateDeliveryIds++;
      duplicate = true;
      example('duplicate deliveryId', d, { deliveryId: d.deliveryId });
    } else if (seenEvents.has(eventKey)) {
      found.duplicateEvents++;
      duplicate = true;
      example('same event, another deliveryId', d, { eventId: d.eventId });
    }
    seenDeliveryIds.add(d.deliveryId);
    seenEvents.add(eventKey);
    const sequence = sequenceOf(d.eventId);
    if (sequence === undefined || sequence === null) {
      found.unknownSequence++;
      continue;
    }
    const resultKey = `${d.partnerId}\n${d.resultId}`;
    const before = highest.get(resultKey);
    if (before !== undefined && sequence < before) {
      if (duplicate) found.staleDuplicates++;
      else {
        found.outOfOrder++;
        example('out of order', d, { sequence, after: before });
      }
    } else highest.set(resultKey, sequence);
  }
  return found;
}

module.exports = { checkDeliveries };
