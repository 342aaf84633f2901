import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validateSync } from 'class-validator';
import { EventEnvelopeV1 } from './envelope';
import type { EventEnvelope } from './envelope';
import { Events, isEventType } from './events/events';
import type { CommandError } from './replies/command-reply.v1';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: CommandError[] };

/** Keys that must never reach a database or an object's prototype. */
function forbiddenKey(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenKey(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (
      key.startsWith('$') ||
      key.includes('.') ||
      key === '__proto__' ||
      key === 'constructor' ||
      key === 'prototype'
    ) {
      return here;
    }
    const found = forbiddenKey((value as Record<string, unknown>)[key], here);
    if (found) return found;
  }
  return null;
}

function flatten(errors: ValidationError[], prefix = ''): CommandError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      code: 'validation' as const,
      field,
      message:
        e.constraints?.whitelistValidation === message ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates a parsed JSON value against a message class: every field checked,
 * unknown fields, `$`-keys and wrong types refused. The returned value is a
 * plain copy holding only the class's fields.
 */
export function validateMessage<T extends object>(
  cls: new () => T,
  plain: unknown,
  fieldPrefix = '',
): Validated<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    // A whole message that is no object holds no recognisable command (CONTRACT.md);
    // a nested one is a field with a wrong value.
    const code = fieldPrefix ? 'validation' : 'malformed-message';
    return {
      ok: false,
      errors: [{ code, field: fieldPrefix || null, message: 'must be a JSON object' }],
    };
  }
  const bad = forbiddenKey(plain);
  if (bad) {
    const field = fieldPrefix ? `${fieldPrefix}.${bad}` : bad;
    return {
      ok: false,
      errors: [{ code: 'validation', field, message: `${field} is not an allowed field name` }],
    };
  }
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: false });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { ok: false, errors: flatten(errors, fieldPrefix) };
  return { ok: true, value: JSON.parse(JSON.stringify(instance)) as T };
}

/** Validates an event: the envelope, then `data` against the class of its `type`. */
export function validateEvent(plain: unknown): Validated<EventEnvelope> {
  const envelope = validateMessage(EventEnvelopeV1, plain);
  if (!envelope.ok) return envelope;
  const { type } = envelope.value;
  if (!isEventType(type)) {
    return {
      ok: false,
      errors: [{ code: 'validation', field: 'type', message: `unknown event type ${type}` }],
    };
  }
  const data = validateMessage(
    Events[type].data as new () => object,
    (plain as EventEnvelope).data,
    'data',
  );
  if (!data.ok) return data;
  return { ok: true, value: { ...envelope.value, data: data.value } };
}
