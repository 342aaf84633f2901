import { ProblemException } from '../problem.exception';
import { problemType } from '../problem-details';

/** 429 with Retry-After (seconds until the client's window lets a request through again). */
export function rateLimitedProblem(retryAfterSeconds: number): ProblemException {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ProblemException(
    429,
    'Too Many Requests',
    `This client has sent too many requests; try again in ${seconds} s.`,
    { type: problemType('rate-limited') },
  ).withHeader('Retry-After', String(seconds));
}
