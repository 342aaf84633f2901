import { INSTITUTION_CODE_PATTERN } from '@rod/contracts';
import type { FlagFilter } from '../domain/irreversible-flag';
import { instantOf } from './query-instant';
import type { RawQuery } from './query-parameters';
import { QueryParameters } from './query-parameters';

const DATE_RULE = 'must be an ISO date (YYYY-MM-DD) or a date-time with Z or an offset';

/** `GET /v1/irreversible-deliveries?institutionCode=&from=&to=`, checked. */
export function irreversibleQuery(raw: RawQuery): FlagFilter {
  const parameters = new QueryParameters(raw);
  const institutionCode = parameters.text('institutionCode');
  if (institutionCode !== undefined && !INSTITUTION_CODE_PATTERN.test(institutionCode)) {
    parameters.reject('institutionCode', 'institutionCode must be two digits and two capitals');
  }
  const instant = (name: 'from' | 'to'): number | undefined => {
    const value = parameters.text(name);
    if (value === undefined) return undefined;
    const at = instantOf(value);
    if (at === undefined) parameters.reject(name, `${name} ${DATE_RULE}`);
    return at;
  };
  const from = instant('from');
  const to = instant('to');
  if (from !== undefined && to !== undefined && from >= to) {
    parameters.reject('to', 'to must be later than from');
  }
  return parameters.result({
    ...(institutionCode === undefined ? {} : { institutionCode }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
}
