import { HttpException } from '@nestjs/common';
import type { ProblemDetails, ProblemError } from './problem-details';

/** Members a ProblemException may add to its document; `type` defaults to `about:blank`. */
export interface ProblemExtra {
  type?: string;
  errors?: ProblemError[];
  [member: string]: unknown;
}

/** Members the constructor's own arguments (and the filter's `instance`) decide. */
const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance']);

/**
 * An HTTP error answered as an RFC 9457 problem document, e.g.
 * `new ProblemException(404, 'Unknown result', 'No result 21PA-1 exists', { type: problemType('unknown-result') })`.
 */
export class ProblemException extends HttpException {
  /** Response headers that belong to the problem (WWW-Authenticate, Retry-After). */
  readonly headers: Record<string, string> = {};

  constructor(status: number, title: string, detail: string, extra: ProblemExtra = {}) {
    const members = Object.fromEntries(Object.entries(extra).filter(([k]) => !RESERVED.has(k)));
    const problem: ProblemDetails = {
      type: extra.type ?? 'about:blank',
      title,
      status,
      detail,
      ...members,
    };
    super(problem, status);
    this.message = `${title}: ${detail}`;
  }

  /** The problem document, without `instance` (the filter adds the request's path). */
  get problem(): ProblemDetails {
    return this.getResponse() as ProblemDetails;
  }

  /** Adds a header to the answer; returns this exception, for `throw new …().withHeader(…)`. */
  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }
}
