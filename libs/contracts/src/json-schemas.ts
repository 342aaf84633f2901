import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { CommandClasses } from './commands/commands';
import type { CommandKey } from './topology';
import { Events } from './events/events';
import type { EventType } from './events/events';
// Imported for their decorators: these schemas are generated from them.
import './envelope';
import './replies/command-reply.v1';
import './partners/partner-delivery.v1';
import './commands/fraud-decision.v1';
import './replay/replay.v1';
import './extracts/extract-verification.v1';

const REF = '#/definitions/';

type SchemaObject = ReturnType<typeof validationMetadatasToSchemas>[string];

let cached: Record<string, SchemaObject> | undefined;

/** JSON Schemas (draft-07 style `definitions`) of every message class, by class name. */
export function messageSchemaDefinitions(): Record<string, SchemaObject> {
  cached ??= requireNullableFields(
    validationMetadatasToSchemas({
      classTransformerMetadataStorage: defaultMetadataStorage,
      refPointerPrefix: REF,
    }),
  );
  return cached;
}

/**
 * A nullable field (`@NullableString`) is validated conditionally, so the generator
 * leaves it out of `required`; in the contract it must be present, if only as null.
 */
function requireNullableFields(
  definitions: Record<string, SchemaObject>,
): Record<string, SchemaObject> {
  for (const schema of Object.values(definitions)) {
    const nullable = Object.entries(schema.properties ?? {})
      .filter(([, property]) => {
        const type = (property as { type?: unknown }).type;
        return Array.isArray(type) && type.includes('null');
      })
      .map(([name]) => name);
    if (nullable.length > 0)
      schema.required = [...new Set([...(schema.required ?? []), ...nullable])];
  }
  return definitions;
}

/** The JSON Schema of one event type: the envelope with `data` of that event's class. */
export function eventJsonSchema(type: EventType): Record<string, unknown> {
  const definitions = messageSchemaDefinitions();
  const envelope = definitions.EventEnvelopeV1;
  return {
    $id: `urn:rod:event:${type}:v1`,
    ...envelope,
    properties: {
      ...envelope.properties,
      type: { const: type },
      data: { $ref: `${REF}${Events[type].data.name}` },
    },
    definitions,
  };
}

/** The JSON Schema of one command body. */
export function commandJsonSchema(command: CommandKey): Record<string, unknown> {
  const definitions = messageSchemaDefinitions();
  return {
    $id: `urn:rod:command:${command}:v1`,
    $ref: `${REF}${CommandClasses[command].name}`,
    definitions,
  };
}

/** The JSON Schema of any message class by its name (`CommandReplyV1`, `PartnerDeliveryV1`, …). */
export function classJsonSchema(className: string): Record<string, unknown> {
  const definitions = messageSchemaDefinitions();
  if (!definitions[className]) throw new Error(`no JSON Schema for ${className}`);
  return { $id: `urn:rod:message:${className}`, $ref: `${REF}${className}`, definitions };
}

/**
 * The contract's message classes (every `…V1`) as OpenAPI component schemas, for the
 * services' `/docs`: request bodies refer to them as `#/components/schemas/<class>`.
 */
export function openApiComponentSchemas(): Record<string, SchemaObject> {
  const contract = Object.fromEntries(
    Object.entries(messageSchemaDefinitions()).filter(([name]) => /V1$/.test(name)),
  );
  return JSON.parse(
    JSON.stringify(contract).replaceAll(`"${REF}`, '"#/components/schemas/'),
  ) as Record<string, SchemaObject>;
}
