import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
  ValidateBy,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { NullableString } from '../values/nullable';
import { amsterdamMidnight, isCalendarDate } from '../values/dates';

/**
 * Replaying the register's history to a queue named by operations (an addition to the
 * contract): `POST /v1/replays` on the register, then every stored event, as its original
 * envelope, sent to that queue, then one `ReplayCompleted` marker.
 */

/** The `type` property of the marker that ends a replay. */
export const REPLAY_COMPLETED = 'ReplayCompleted';

/** What a queue name may look like: 1-200 characters of letters, digits and `. _ : -`. */
export const REPLAY_QUEUE_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/** Names the broker reserves for itself (AMQP 0-9-1): no client queue starts with them. */
export const BROKER_RESERVED_QUEUE_PREFIX = 'amq.';

/** The register's own queues (`register.commands`, its dead letters, …): never a replay's target. */
export const REGISTER_QUEUE_PREFIX = 'register.';

const DATE_TIME_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * The instant (epoch ms) a replay's `from` stands for: an ISO 8601 date-time with its
 * offset (`Z` or `±hh:mm`), or a date `YYYY-MM-DD`, which starts at midnight in Amsterdam.
 * Undefined for anything else (a date-time without offset is ambiguous, so refused).
 */
export function replayFromInstant(from: string): number | undefined {
  if (isCalendarDate(from)) return amsterdamMidnight(from);
  const match = DATE_TIME_WITH_OFFSET.exec(from);
  if (!match || !isCalendarDate(match[1])) return undefined;
  const instant = Date.parse(from);
  return Number.isNaN(instant) ? undefined : instant;
}

/** Why a well-formed queue name cannot be replayed to; null when it can. */
export function refusedReplayQueue(queue: string): string | null {
  if (queue.startsWith(BROKER_RESERVED_QUEUE_PREFIX)) {
    return `queue must not start with ${BROKER_RESERVED_QUEUE_PREFIX} (reserved by the broker)`;
  }
  if (queue.startsWith(REGISTER_QUEUE_PREFIX)) {
    return `queue must not be one of the register's own queues (${REGISTER_QUEUE_PREFIX}*)`;
  }
  return null;
}

const ReplayableQueue = () =>
  ValidateBy({
    name: 'replayableQueue',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && refusedReplayQueue(value) === null,
      defaultMessage: (args) =>
        (typeof args?.value === 'string' && refusedReplayQueue(args.value)) ||
        'queue is not a queue a replay may go to',
    },
  });

const ReplayFrom = () =>
  ValidateBy({
    name: 'replayFrom',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && replayFromInstant(value) !== undefined,
      defaultMessage: () =>
        'from must be a date (YYYY-MM-DD, from midnight in Amsterdam) or an ISO 8601 date-time with Z or an offset',
    },
  });

/** The body of `POST /v1/replays` (role `ops`). */
export class ReplayRequestV1 {
  /**
   * The queue to send the events to: it must exist on the broker already (the register
   * does not create it), and must not be the register's own (`register.*`) or the broker's (`amq.*`).
   */
  @IsString()
  @Matches(REPLAY_QUEUE_PATTERN, {
    message: 'queue must be 1-200 characters of letters, digits, and . _ : -',
  })
  @ReplayableQueue()
  @JSONSchema({
    description:
      'An existing queue; not register.* or amq.*. Events go to it through the default exchange.',
    not: { pattern: '^(amq|register)\\.' },
  })
  queue: string;

  /**
   * Only events that occurred at or after this instant: an ISO 8601 date-time with `Z` or
   * an offset, or a date `YYYY-MM-DD` (from midnight Europe/Amsterdam). Absent: everything.
   */
  @IsOptional()
  @IsString()
  @ReplayFrom()
  @JSONSchema({
    description:
      'Only events with occurredAt at or after this: an ISO 8601 date-time with offset, or YYYY-MM-DD (midnight Europe/Amsterdam).',
  })
  from?: string;
}

/** The answer to `POST /v1/replays` (202): the replay runs in the background. */
export class ReplayStartedV1 {
  /** The replay's id: the `correlationId` and `causationId` of every replayed event, and of the marker. */
  @IsUUID()
  replayId: string;

  @IsString()
  queue: string;

  /** The instant the replay starts from (ISO 8601, UTC), or null for the whole history. */
  @NullableString()
  from: string | null;
}

/**
 * The marker after a replay's last event, on the same queue (`type` `ReplayCompleted`,
 * `correlation_id` the replay id). A replay that failed midway sends no marker.
 */
export class ReplayCompletedV1 {
  static readonly type = REPLAY_COMPLETED;

  @IsUUID()
  replayId: string;

  @IsString()
  queue: string;

  /** As in the replay's answer: ISO 8601 (UTC), or null for the whole history. */
  @NullableString()
  from: string | null;

  /** Results with at least one event replayed. */
  @IsInt()
  @Min(0)
  results: number;

  /** Events sent (and confirmed by the broker) before this marker. */
  @IsInt()
  @Min(0)
  events: number;

  @IsISO8601({ strict: true })
  completedAt: string;
}
