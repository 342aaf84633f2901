'use strict';
// After the run: the system's state against the driver's own record of what it sent.
// Each check adds to a count; a run passes when every count of a problem is 0.

const COMMAND_EVENTS = {
  RegisterResult: 'ResultRegistered',
  CorrectResult: 'ResultCorrected',
  DeleteResult: 'ResultDeleted',
  ReportFraud: 'ResultSuspended',
};

function newCounts() {
  return {
    lost: 0,
    duplicated: 0,
    unflagged: 0,
    wrongCounts: 0,
    unsettled: 0,
    unrevoked: 0,
    extraFlags: 0,
    deadLetters: 0,
  };
}

/** The register holds every accepted command's effect, once. */
async function checkRegister({ http, results, counts, problems }) {
  for (const truth of results.values()) {
    if (!truth.registered) continue;
    const answer = await http.result(truth.institutionCode, truth.resultSequence);
    if (answer.status !== 200) {
      counts.lost += 1;
      problems.push({ check: 'register', resultId: truth.resultId, status: answer.status });
      continue;
    }
    const view = answer.json;
    const expectedStatus = truth.deleted ? 'deleted' : truth.suspended ? 'suspended' : 'registered';
    if (view.status !== expectedStatus || view.result.studyMode !== truth.studyMode) {
      counts.lost += 1;
      problems.push({
        check: 'register-state',
        resultId: truth.resultId,
        expected: expectedStatus,
        actual: view.status,
      });
    }
    for (const [command, eventType] of Object.entries(COMMAND_EVENTS)) {
      const expected = truth.commands.filter(
        (c) => c.type === command && c.status === 'accepted',
      ).length;
      const actual = view.history.filter((h) => h.type === eventType).length;
      if (actual < expected) counts.lost += expected - actual;
      if (actual > expected) counts.duplicated += actual - expected;
      if (actual !== expected)
        problems.push({ check: 'history', resultId: truth.resultId, eventType, expected, actual });
    }
  }
}

/**
 * Every event of a result is in the ledger once for every partner whose filter takes it,
 * every delivered entry reached its partner, nothing reached a partner that the ledger
 * does not know or skipped, and nothing is left pending or parked.
 */
async function checkDeliveries({ http, results, receivers, counts, problems }) {
  const ledgerIds = new Set();
  for (const truth of results.values()) {
    if (!truth.registered) continue;
    const answer = await http.ops(
      'propagation',
      'GET',
      `/v1/deliveries?resultId=${encodeURIComponent(truth.resultId)}&limit=1000`,
    );
    if (answer.status !== 200) {
      counts.lost += 1;
      problems.push({ check: 'ledger', resultId: truth.resultId, status: answer.status });
      continue;
    }
    const lines = answer.json;
    const corrections = truth.commands.filter(
      (c) => c.type === 'CorrectResult' && c.status === 'accepted',
    ).length;
    for (const receiver of receivers) {
      const { partner } = receiver;
      const mine = lines.filter((l) => l.partnerId === partner.id);
      for (const line of mine) ledgerIds.add(line.deliveryId);
      const received = [...receiver.received.entries()].filter(
        ([, d]) => d.resultId === truth.resultId,
      );
      const held = received.some(([, d]) => d.kind !== 'retraction');
      const matching = receiver.matches(truth.programme);
      const expected = {
        registration: matching ? 1 : 0,
        correction: matching ? corrections : 0,
        retraction: matching && truth.deleted && partner.canRetract && held ? 1 : 0,
      };
      for (const kind of Object.keys(expected)) {
        const actual = mine.filter((l) => l.kind === kind).length;
        if (actual < expected[kind]) counts.lost += expected[kind] - actual;
        if (actual > expected[kind]) counts.duplicated += actual - expected[kind];
        if (actual !== expected[kind])
          problems.push({
            check: 'ledger-entries',
            resultId: truth.resultId,
            partnerId: partner.id,
            kind,
            expected: expected[kind],
            actual,
          });
      }
      const eventKeys = mine.map((l) => `${l.kind}/${l.eventId}`);
      const twice = eventKeys.length - new Set(eventKeys).size;
      if (twice > 0) {
        counts.duplicated += twice;
        problems.push({
          check: 'ledger-event-twice',
          resultId: truth.resultId,
          partnerId: partner.id,
        });
      }
      for (const line of mine) {
        const got = receiver.received.get(line.deliveryId);
        if (line.status === 'pending' || line.status === 'parked') {
          counts.unsettled += 1;
          problems.push({
            check: 'unsettled',
            resultId: truth.resultId,
            partnerId: partner.id,
            status: line.status,
          });
        } else if (line.status === 'delivered' || line.status === 'retracted') {
          if (!got) {
            counts.lost += 1;
            problems.push({
              check: 'not-at-partner',
              resultId: truth.resultId,
              partnerId: partner.id,
              kind: line.kind,
            });
          }
        } else if (line.status === 'skipped') {
          if (!truth.deleted) {
            counts.lost += 1;
            problems.push({
              check: 'skipped-but-not-deleted',
              resultId: truth.resultId,
              partnerId: partner.id,
            });
          }
          if (got) {
            counts.lost += 1; // the partner has it, the ledger (and so the flags) do not know
            problems.push({
              check: 'skipped-but-received',
              resultId: truth.resultId,
              partnerId: partner.id,
              kind: line.kind,
            });
          }
        }
      }
    }
  }
  for (const receiver of receivers) {
    for (const [deliveryId, d] of receiver.received) {
      if (!ledgerIds.has(deliveryId)) {
        counts.duplicated += 1;
        problems.push({
          check: 'unknown-delivery',
          partnerId: receiver.partner.id,
          resultId: d.resultId,
        });
      }
    }
  }
}

/** A deleted result that a partner which cannot retract received is flagged exactly once. */
async function checkFlags({ http, results, receivers, counts, problems }) {
  const answer = await http.ops('propagation', 'GET', '/v1/irreversible-deliveries');
  if (answer.status !== 200) throw new Error(`irreversible-deliveries: ${answer.status}`);
  const actual = new Map();
  for (const flag of answer.json) {
    const key = `${flag.resultId}/${flag.partnerId}`;
    actual.set(key, (actual.get(key) || 0) + 1);
  }
  const expected = new Set();
  let afterHeld = 0;
  for (const truth of results.values()) {
    if (!truth.deleted) continue;
    for (const receiver of receivers) {
      if (receiver.partner.canRetract) continue;
      const held = [...receiver.received.values()].some(
        (d) => d.resultId === truth.resultId && d.kind !== 'retraction',
      );
      if (held) expected.add(`${truth.resultId}/${receiver.partner.id}`);
    }
    if (truth.deletedAfterHeld) afterHeld += 1;
  }
  for (const key of expected) {
    const n = actual.get(key) || 0;
    if (n === 0) {
      counts.unflagged += 1;
      problems.push({ check: 'unflagged', flag: key });
    } else if (n > 1) {
      counts.duplicated += n - 1;
      problems.push({ check: 'flagged-twice', flag: key });
    }
  }
  for (const key of actual.keys()) {
    if (!expected.has(key)) {
      counts.extraFlags += 1;
      problems.push({ check: 'flag-without-holding', flag: key });
    }
  }
  return { expectedFlags: expected.size, deletedAfterHeld: afterHeld };
}

/** Extracts of deleted results verify as revoked, of suspended ones as suspended, others valid. */
async function checkExtracts({ http, results, counts, problems }) {
  let checked = 0;
  for (const truth of results.values()) {
    for (const credential of truth.extracts) {
      checked += 1;
      const answer = await http.verify(credential);
      const expected = truth.deleted ? 'revoked' : truth.suspended ? 'suspended' : 'valid';
      const actual = answer.json?.status;
      if (actual !== expected) {
        if (expected === 'revoked') counts.unrevoked += 1;
        else counts.wrongCounts += 1;
        problems.push({
          check: 'extract',
          resultId: truth.resultId,
          expected,
          actual: actual ?? answer.status,
        });
      }
    }
  }
  return checked;
}

/** The period a deletion of today falls in (Europe/Amsterdam): the overview to preview. */
function currentPeriod(now = new Date()) {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
  })
    .format(now)
    .split('-')
    .map(Number);
  if (month >= 11) return `${year + 1}-05`;
  if (month < 5) return `${year}-05`;
  return `${year}-11`;
}

/** The overview of the current period (built now, a preview) counts what the driver did. */
async function checkOverview({ http, results, institutions, counts, problems }) {
  const period = currentPeriod();
  const built = await http.ops('reporting', 'POST', `/v1/overviews/${period}/build`);
  if (built.status >= 300)
    throw new Error(`building overview ${period}: ${built.status} ${built.text}`);
  const figures = {};
  for (const code of institutions) {
    const truths = [...results.values()].filter((t) => t.institutionCode === code && t.registered);
    const expected = {
      registered: truths.length,
      deleted: truths.filter((t) => t.deleted).length,
      fraudReports: truths.filter((t) => t.suspended).length,
    };
    const answer = await http.ops(
      'reporting',
      'GET',
      `/v1/overviews/${period}/institutions/${code}`,
    );
    const actual = answer.json || {};
    for (const field of Object.keys(expected)) {
      if ((actual[field] ?? 0) !== expected[field]) {
        counts.wrongCounts += 1;
        problems.push({
          check: 'overview',
          institutionCode: code,
          field,
          expected: expected[field],
          actual: actual[field] ?? answer.status,
        });
      }
    }
    figures[code] = expected;
  }
  return { period, figures };
}

/** Whether a topic binding key takes a routing key. */
function topicMatches(pattern, key) {
  const p = pattern.split('.');
  const k = key.split('.');
  const go = (i, j) => {
    if (i === p.length) return j === k.length;
    if (p[i] === '#') return go(i + 1, j) || (j < k.length && go(i, j + 1));
    if (j === k.length) return false;
    return (p[i] === '*' || p[i] === k[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/**
 * No dead letter but the poison ones the run sent on purpose: every poison command in
 * register.commands.dlq; each poison event in the dead-letter queue of a consumer of
 * results.events at most once (a consumer that ignores registrations, such as the
 * register's extract-status queue, acks it unread).
 */
async function checkDeadLetters({ node, poison, counts, problems }) {
  const [queues, bindings] = await Promise.all([node.queues(), node.bindings()]);
  const allowed = new Map([['register.commands.dlq', [poison.commands, poison.commands]]]);
  for (const b of bindings) {
    if (b.source_name === 'results.events' && topicMatches(b.routing_key, poison.eventRoutingKey)) {
      allowed.set(`${b.destination_name}.dlq`, [0, poison.events]);
    }
  }
  const found = {};
  for (const q of queues) {
    if (!q.name.endsWith('.dlq')) continue;
    if (q.messages > 0) found[q.name] = q.messages;
    const [min, max] = allowed.get(q.name) || [0, 0];
    if (q.messages < min || q.messages > max) {
      counts.deadLetters += q.messages < min ? min - q.messages : q.messages - max;
      problems.push({
        check: 'dead-letters',
        queue: q.name,
        allowed: [min, max],
        actual: q.messages,
      });
    }
  }
  return found;
}

module.exports = {
  newCounts,
  checkRegister,
  checkDeliveries,
  checkFlags,
  checkExtracts,
  checkOverview,
  checkDeadLetters,
  currentPeriod,
  topicMatches,
};
