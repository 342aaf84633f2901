import { BadRequestException, HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { BODY_PARSER_PROBLEMS, INVALID_JSON_PROBLEM } from './body-parser-problems';
import type { ProblemDetails, ProblemError } from './problem-details';
import { ProblemException } from './problem.exception';

/** How the exception filter answers one error. */
export interface ProblemAnswer {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** An error of the service's own, not of the request: its answer says nothing, the log all. */
  unexpected: boolean;
}

const INTERNAL_ERROR: ProblemDetails = {
  type: 'about:blank',
  title: 'Internal Server Error',
  status: 500,
  detail: 'The service could not handle this request; the error has been logged.',
};

/** Any thrown value as a problem document (without `instance`, which is the request's). */
export function toProblem(exception: unknown): ProblemAnswer {
  if (exception instanceof ProblemException) {
    return {
      problem: { ...exception.problem },
      headers: { ...exception.headers },
      unexpected: false,
    };
  }
  if (isInvalidJsonFromExpress(exception)) return known({ ...INVALID_JSON_PROBLEM });
  if (exception instanceof HttpException) return known(fromHttpException(exception));
  const httpErrorStatusCode = httpErrorStatus(exception);
  if (httpErrorStatusCode !== undefined) {
    return fromHttpError(exception as HttpError, httpErrorStatusCode);
  }
  return { problem: { ...INTERNAL_ERROR }, headers: {}, unexpected: true };
}

function known(problem: ProblemDetails): ProblemAnswer {
  return { problem, headers: {}, unexpected: false };
}

function titleOf(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Nest's own exceptions (`new NotFoundException('…')`, a ValidationPipe's message list). */
function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const title = titleOf(status);
  const response = exception.getResponse();
  const message: unknown =
    typeof response === 'string' ? response : (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    const errors: ProblemError[] = message.map((m) => ({
      code: 'validation',
      field: null,
      message: String(m),
    }));
    return { type: 'about:blank', title, status, detail: 'The request is not valid.', errors };
  }
  const detail = typeof message === 'string' && message !== '' ? withoutQuery(message) : title;
  return { type: 'about:blank', title, status, detail };
}

/** Nest's "route not found" message quotes the whole URL; its query stays out of the answer. */
function withoutQuery(message: string): string {
  const routeNotFound = /^(Cannot [A-Z]+ [^?\s]*)\?\S*$/.exec(message);
  return routeNotFound ? routeNotFound[1] : message;
}

/**
 * Nest turns body-parser's JSON SyntaxError into `new BadRequestException(err.message)` in
 * RoutesResolver.mapExternalException before any filter sees it; the message quotes the body.
 */
function isInvalidJsonFromExpress(exception: unknown): boolean {
  if (!(exception instanceof BadRequestException)) return false;
  const response = exception.getResponse() as { message?: unknown; error?: unknown };
  return (
    response.error === 'Bad Request' &&
    typeof response.message === 'string' &&
    /\bJSON\b/.test(response.message) &&
    (exception.stack ?? '').includes('mapExternalException')
  );
}

interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  message: string;
  expose?: unknown;
  type?: unknown;
}

/** The status of an error made with the http-errors package (body-parser's), if it is one. */
function httpErrorStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { status, statusCode, expose } = exception as HttpError;
  if (typeof expose !== 'boolean') return undefined; // http-errors always sets it
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && value >= 400 && value <= 599 ? value : undefined;
}

function fromHttpError(error: HttpError, status: number): ProblemAnswer {
  const knownProblem =
    typeof error.type === 'string' ? BODY_PARSER_PROBLEMS[error.type] : undefined;
  if (knownProblem) return known({ ...knownProblem });
  const title = titleOf(status);
  // http-errors marks a message fit for the client with `expose` (never for a 5xx).
  const detail = error.expose === true && status < 500 && error.message ? error.message : title;
  return {
    problem: { type: 'about:blank', title, status, detail },
    headers: {},
    unexpected: status >= 500,
  };
}
