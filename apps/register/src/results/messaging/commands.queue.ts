import type { CommandKey } from '@rod/contracts';
import { CommandClasses, Subscriptions, parseInstitutionRoutingKey } from '@rod/contracts';
import type { ConsumedQueue } from '@rod/messaging';

function commandKeyOf(routingKey: string): CommandKey | undefined {
  const rest = parseInstitutionRoutingKey(routingKey)?.rest;
  return rest && Object.prototype.hasOwnProperty.call(CommandClasses, rest)
    ? (rest as CommandKey)
    : undefined;
}

/**
 * The register's command queue: the routing key names the institution and the command, so it
 * decides the handler. Commands for one result are handled one after another.
 */
export const commandsQueue: ConsumedQueue = {
  declaration: Subscriptions.register.commands,
  patternOf: (_body, message) => {
    const key = commandKeyOf(message.fields.routingKey);
    return key ? CommandClasses[key].type : undefined;
  },
  orderingKey: (body, message) => {
    const sequence = (body as { resultSequence?: unknown } | null)?.resultSequence;
    const institution = parseInstitutionRoutingKey(message.fields.routingKey)?.institutionCode;
    return typeof sequence === 'string'
      ? `${institution}-${sequence}`
      : `tag:${message.fields.deliveryTag}`;
  },
};
