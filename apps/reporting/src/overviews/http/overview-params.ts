import { INSTITUTION_CODE_PATTERN } from '@rod/contracts';
import type { Principal } from '@rod/platform';
import { ProblemException } from '@rod/platform';
import type { Period } from '../domain/periods';
import { periodNamed } from '../domain/periods';

const problem = (slug: string) => ({ type: `https://rod.example/problems/${slug}` });

/** The period a path names; 400 when it names none. */
export function periodParam(name: string): Period {
  const period = periodNamed(name);
  if (!period) {
    throw new ProblemException(
      400,
      'Not a period',
      'a period is named YYYY-05 or YYYY-11',
      problem('validation'),
    );
  }
  return period;
}

/** A period that has started (one that has not ended is built as a preview); 409 otherwise. */
export function buildablePeriod(name: string, now: Date): Period {
  const period = periodParam(name);
  if (now.getTime() < period.fromInstant) {
    throw new ProblemException(
      409,
      'Period not started',
      `${period.period} starts on ${period.from}; there is nothing to build yet`,
      problem('period-not-started'),
    );
  }
  return period;
}

/**
 * The institution whose overview is asked for, when the caller may read it: operations
 * read every institution's, an institution only its own.
 */
export function readableInstitution(principal: Principal, code: string): string {
  if (!INSTITUTION_CODE_PATTERN.test(code)) {
    throw new ProblemException(
      400,
      'Not an institution code',
      'an institution code is two digits and two capital letters',
      problem('validation'),
    );
  }
  if (principal.roles.includes('ops') || principal.institutionCode === code) return code;
  throw new ProblemException(
    403,
    'Not allowed',
    "an institution may only read its own overviews; the path names another institution's",
    problem('not-allowed'),
  );
}

export function overviewNotFound(detail: string): ProblemException {
  return new ProblemException(404, 'No such overview', detail, problem('overview-not-found'));
}
