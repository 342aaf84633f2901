import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { CommandClasses } from './commands/commands';
import type { CommandKey } from './topology';
import { Events } from './events/events';
import type { EventType } from './events/events';
// Imported for its decorators: the envelope's schema is generated from them.
import './envelope';

const REF = '#/definitions/';

type SchemaObject = ReturnType<typeof validationMetadatasToSchemas>[string];

let cached: Record<string, SchemaObject> | undefined;

/** JSON Schemas (draft-07 style `definitions`) of every message class, by class name. */
export function messageSchemaDefinitions(): Record<string, SchemaObject> {
  cached ??= validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF,
  });
  return cached;
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
