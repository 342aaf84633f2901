import type { ProblemDetails } from '@rod/platform';
import { ProblemException } from '@rod/platform';

/** The problem document `run` throws (for tests); fails when it throws none. */
export function problemOf(run: () => unknown): ProblemDetails {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
  throw new Error('no problem raised');
}
