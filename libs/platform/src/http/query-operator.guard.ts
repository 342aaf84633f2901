import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ProblemException } from './problem.exception';
import { problemType } from './problem-details';

/** `a[b]` (qs's nesting, which would make an object of `?resultId[$ne]=x`) and `$` operators. */
const OPERATOR_LIKE_NAME = /[[\]$]/;

/**
 * Refuses a query whose parameter names nest or look like MongoDB operators
 * (`?resultId[$ne]=x`, `?$where=1`), before any handler reads it. With express's simple
 * query parser they would be unknown names, silently ignored: a filter that does not
 * filter. Global (bootstrap.ts), so every service's HTTP API answers them with a clear 400.
 */
export class QueryOperatorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const { originalUrl, url } = context.switchToHttp().getRequest<{
      originalUrl?: string;
      url?: string;
    }>();
    const query = (originalUrl ?? url ?? '').split('?').slice(1).join('?');
    const names = [...new URLSearchParams(query).keys()].filter((n) => OPERATOR_LIKE_NAME.test(n));
    if (names.length === 0) return true;
    throw new ProblemException(400, 'Bad Request', 'The query is not valid.', {
      type: problemType('validation'),
      errors: [...new Set(names)].map((name) => ({
        code: 'validation',
        // The name only: a value may be anything, a personal number included.
        field: name,
        message: 'a query parameter name may not contain $, [ or ]',
      })),
    });
  }
}
