/** The media type of every error answer (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Where this project's problem types live; the part after it names the problem. */
export const PROBLEM_TYPE_BASE = 'https://rod.example/problems/';

/** One item of `errors`, shaped as in command replies (CONTRACT.md). */
export interface ProblemError {
  code: string;
  /** The offending field, dotted for nested fields; null for the whole request. */
  field: string | null;
  message: string;
  details?: unknown;
}

/** An RFC 9457 problem document as this project writes it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemError[];
  [member: string]: unknown;
}

/** The type URI of one of this project's problems, e.g. `problemType('invalid-token')`. */
export function problemType(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}
