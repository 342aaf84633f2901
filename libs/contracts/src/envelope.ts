import { NullableString } from './values/nullable';
import { Equals, IsIn, IsInt, IsISO8601, IsObject, IsString, IsUUID, Min } from 'class-validator';

export const Producers = ['register', 'propagation', 'reporting'] as const;
export type Producer = (typeof Producers)[number];

/**
 * The body of every event. `sequence` counts the result's own history from 1;
 * consumers use it to apply a result's events in order and to drop duplicates.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  schemaVersion: 1;
  occurredAt: string;
  producer: Producer;
  correlationId: string;
  causationId: string;
  resultId: string | null;
  institutionCode: string | null;
  sequence: number;
  data: TData;
}

/** Validators of the envelope's own fields; `data` is checked by the event's class. */
export class EventEnvelopeV1 implements EventEnvelope {
  @IsUUID()
  eventId: string;

  @IsString()
  type: string;

  @Equals(1)
  schemaVersion: 1;

  @IsISO8601({ strict: true })
  occurredAt: string;

  @IsIn(Producers)
  producer: Producer;

  @IsString()
  correlationId: string;

  @IsString()
  causationId: string;

  @NullableString()
  resultId: string | null;

  @NullableString()
  institutionCode: string | null;

  @IsInt()
  @Min(0)
  sequence: number;

  @IsObject()
  data: unknown;
}
