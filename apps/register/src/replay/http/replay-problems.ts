import type { ReplayStartedV1 } from '@rod/contracts';
import { ProblemException, problemType } from '@rod/platform';
import type { ReplayStart } from '../replay-events.use-case';

/** The answer to `POST /v1/replays`: the started replay, or a problem. */
export function startedOrProblem(start: ReplayStart): ReplayStartedV1 {
  switch (start.kind) {
    case 'started':
      return start.started;
    case 'invalid':
      throw new ProblemException(
        400,
        'The replay request is not valid',
        start.errors[0]?.message ?? 'The request is not valid.',
        { type: problemType('validation'), errors: start.errors },
      );
    case 'unknown-queue':
      throw new ProblemException(
        404,
        'Unknown queue',
        `No queue named ${start.queue} exists on the broker: declare it first.`,
        { type: problemType('unknown-queue') },
      );
    case 'broker-unavailable':
      throw new ProblemException(
        503,
        'Broker unavailable',
        'The register cannot reach the broker now; try again later.',
        { type: problemType('broker-unavailable') },
      ).withHeader('Retry-After', '10');
  }
}
