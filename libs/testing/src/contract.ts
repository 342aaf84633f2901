import type { ValidateFunction } from 'ajv';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Exchanges, classJsonSchema, eventJsonSchema, isEventType } from '@rod/contracts';
import type { CapturedMessage } from './broker-probe';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: () => Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    compiled.set(key, validate);
  }
  return validate;
}

/** The schema a published message must match, chosen by where it was published. */
function schemaOf(message: CapturedMessage): ValidateFunction {
  if (message.exchange === Exchanges.registerReplies || message.exchange === '') {
    return validatorFor('CommandReplyV1', () => classJsonSchema('CommandReplyV1'));
  }
  if (message.exchange === Exchanges.partnersOutbound) {
    return validatorFor('PartnerDeliveryV1', () => classJsonSchema('PartnerDeliveryV1'));
  }
  const type = (message.body as { type?: unknown } | undefined)?.type;
  if (!isEventType(type))
    throw new Error(`no contract for a message of type ${String(type)} on ${message.exchange}`);
  return validatorFor(type, () => eventJsonSchema(type));
}

/**
 * The contract check of what a producer published: its body matches the JSON Schema
 * generated from libs/contracts, and it carries the message properties of CONTRACT.md.
 * Returns the problems (empty when the message keeps the contract).
 */
export function contractViolations(message: CapturedMessage): string[] {
  const problems: string[] = [];
  const p = message.properties;
  if (p.contentType !== 'application/json')
    problems.push(`content_type is ${String(p.contentType)}`);
  if (p.deliveryMode !== 2) problems.push(`delivery_mode is ${String(p.deliveryMode)}`);
  if (typeof p.messageId !== 'string' || !p.messageId) problems.push('message_id is missing');
  if (typeof p.type !== 'string' || !p.type) problems.push('type is missing');
  if (typeof p.timestamp !== 'number') problems.push('timestamp is missing');
  const validate = schemaOf(message);
  if (!validate(message.body)) {
    problems.push(
      ...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`),
    );
  }
  return problems;
}

export function expectAllKeepTheContract(messages: CapturedMessage[]): void {
  const broken = messages
    .map((m) => ({ at: `${m.exchange}/${m.routingKey}`, problems: contractViolations(m) }))
    .filter((m) => m.problems.length > 0);
  expect(broken).toEqual([]);
}
