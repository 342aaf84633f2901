import type { CommandKey, QueueDeclaration } from './topology';
import {
  CommandKeys,
  Exchanges,
  Queues,
  ResultEventRoutingKeys,
  RoutingKeys,
  Subscriptions,
  deadLetterExchange,
  deadLetterQueue,
  parseInstitutionRoutingKey,
  partnerInboxDeclaration,
} from './topology';

describe('Exchanges', () => {
  it('names the six exchanges of CONTRACT.md', () => {
    expect(Object.values(Exchanges).sort()).toEqual(
      [
        'register.commands',
        'register.replies',
        'results.events',
        'propagation.events',
        'partners.outbound',
        'reporting.events',
      ].sort(),
    );
  });
});

describe('RoutingKeys.command', () => {
  it.each([
    ['21PA', 'register-result', 'institution.21PA.register-result'],
    ['21PA', 'correct-result', 'institution.21PA.correct-result'],
    ['00AZ', 'delete-result', 'institution.00AZ.delete-result'],
    ['99ZZ', 'report-fraud', 'institution.99ZZ.report-fraud'],
  ] as [string, CommandKey, string][])('routes %s %s as %s', (code, command, key) => {
    expect(RoutingKeys.command(code, command)).toBe(key);
  });

  it('spells the four commands of CONTRACT.md', () => {
    expect(Object.values(CommandKeys).sort()).toEqual(
      ['correct-result', 'delete-result', 'register-result', 'report-fraud'].sort(),
    );
  });
});

describe('RoutingKeys.reply', () => {
  it.each([
    ['21PA', 'accepted', 'institution.21PA.accepted'],
    ['21PA', 'rejected', 'institution.21PA.rejected'],
  ] as [string, 'accepted' | 'rejected', string][])(
    'routes a %s reply %s as %s',
    (code, status, key) => {
      expect(RoutingKeys.reply(code, status)).toBe(key);
    },
  );

  it('lets an institution bind institution.<code>.# for its replies', () => {
    expect(RoutingKeys.institutionReplies('21PA')).toBe('institution.21PA.#');
  });
});

describe('RoutingKeys for events', () => {
  it.each([
    ['resultRegistered', 'result.registered.v1'],
    ['resultCorrected', 'result.corrected.v1'],
    ['resultDeleted', 'result.deleted.v1'],
    ['resultSuspended', 'result.suspended.v1'],
    ['resultReinstated', 'result.reinstated.v1'],
    ['extractIssued', 'extract.issued.v1'],
    ['deliverySucceeded', 'delivery.succeeded.v1'],
    ['deliveryFailed', 'delivery.failed.v1'],
    ['deliveryRetracted', 'delivery.retracted.v1'],
    ['deliveryIrreversible', 'delivery.irreversible.v1'],
    ['overviewPublished', 'overview.published.v1'],
  ] as [keyof typeof RoutingKeys, string][])('spells %s as %s', (name, key) => {
    expect(RoutingKeys[name]).toBe(key);
  });

  it('routes partners.outbound on the partner id itself', () => {
    expect(RoutingKeys.partner('cibg-big')).toBe('cibg-big');
  });
});

describe('parseInstitutionRoutingKey', () => {
  it.each([
    ['institution.21PA.register-result', { institutionCode: '21PA', rest: 'register-result' }],
    ['institution.21PA.accepted', { institutionCode: '21PA', rest: 'accepted' }],
    ['institution.21pa.delete-result', { institutionCode: '21pa', rest: 'delete-result' }],
    ['institution.21PA.a.b', { institutionCode: '21PA', rest: 'a.b' }],
  ])('reads %s', (key, parsed) => {
    expect(parseInstitutionRoutingKey(key)).toEqual(parsed);
  });

  it('reads back what RoutingKeys.command wrote', () => {
    expect(parseInstitutionRoutingKey(RoutingKeys.command('21PA', 'report-fraud'))).toEqual({
      institutionCode: '21PA',
      rest: 'report-fraud',
    });
  });

  it.each([
    ['result.registered.v1'],
    ['institution.21PA'],
    ['institution.21PA.'],
    ['institution..register-result'],
    ['institutions.21PA.register-result'],
    ['x.institution.21PA.register-result'],
    [''],
  ])('finds no institution in %p', (key) => {
    expect(parseInstitutionRoutingKey(key)).toBeNull();
  });
});

describe('dead letters', () => {
  it.each([
    ['register.commands', 'register.commands.dlq', 'register.commands.dlx'],
    ['propagation.result-events', 'propagation.result-events.dlq', 'propagation.result-events.dlx'],
    ['partner.cibg-big.inbox', 'partner.cibg-big.inbox.dlq', 'partner.cibg-big.inbox.dlx'],
  ])('sends dead letters of %s to %s through %s', (queue, dlq, dlx) => {
    expect(deadLetterQueue(queue)).toBe(dlq);
    expect(deadLetterExchange(queue)).toBe(dlx);
  });
});

describe('Queues', () => {
  it.each([
    ['registerCommands', 'register.commands'],
    ['propagationResultEvents', 'propagation.result-events'],
    ['reportingResultEvents', 'reporting.result-events'],
  ] as [keyof typeof Queues, string][])('names %s as <service>.<what>: %s', (name, queue) => {
    expect(Queues[name]).toBe(queue);
  });
});

describe('partnerInboxDeclaration', () => {
  it.each([['cibg-big'], ['mijnoverheid']])(
    'declares partner.%s.inbox bound to partners.outbound on the partner id',
    (id) => {
      expect(partnerInboxDeclaration(id)).toEqual({
        queue: `partner.${id}.inbox`,
        bindings: [{ exchange: 'partners.outbound', routingKey: id }],
      });
    },
  );
});

describe('Subscriptions', () => {
  const declarations: [string, QueueDeclaration][] = Object.entries(Subscriptions).flatMap(
    ([service, queues]) =>
      Object.values(queues as Record<string, QueueDeclaration>).map(
        (declaration): [string, QueueDeclaration] => [service, declaration],
      ),
  );
  // The helpdesk's queue takes only suspensions: it is a work list, not a result's history.
  const consumingResultEvents = declarations.filter(
    ([, d]) =>
      d.queue !== Queues.helpdeskFraudReports &&
      d.bindings.some((b) => b.exchange === Exchanges.resultsEvents),
  );

  it('has at least the propagation and reporting result-event queues', () => {
    expect(consumingResultEvents.map(([, d]) => d.queue).sort()).toEqual(
      expect.arrayContaining(['propagation.result-events', 'reporting.result-events']),
    );
  });

  // sequence counts every event of a result: a consumer that misses one waits for it forever.
  it.each(
    consumingResultEvents.map(([service, d]): [string, string, QueueDeclaration] => [
      service,
      d.queue,
      d,
    ]),
  )('%s: queue %s binds every result event routing key', (_service, _queue, declaration) => {
    const keys = declaration.bindings
      .filter((b) => b.exchange === Exchanges.resultsEvents)
      .map((b) => b.routingKey);
    expect([...keys].sort()).toEqual([...ResultEventRoutingKeys].sort());
  });

  it('lists every event that results.events carries among the result event routing keys', () => {
    expect([...ResultEventRoutingKeys].sort()).toEqual(
      [
        'result.registered.v1',
        'result.corrected.v1',
        'result.deleted.v1',
        'result.suspended.v1',
        'result.reinstated.v1',
        'extract.issued.v1',
      ].sort(),
    );
  });

  it('binds register.commands to every command of every institution', () => {
    expect(Subscriptions.register.commands).toEqual({
      queue: 'register.commands',
      bindings: [{ exchange: 'register.commands', routingKey: 'institution.*.*' }],
    });
  });

  it.each(declarations.map(([service, d]) => [service, d.queue]))(
    '%s owns queue %s, named after itself',
    (service, queue) => {
      expect(queue.startsWith(`${service}.`)).toBe(true);
    },
  );
});
