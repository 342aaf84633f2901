import { problemType } from './problem-details';

interface KnownProblem {
  status: number;
  type: string;
  title: string;
  detail: string;
}

/** The problem an invalid JSON body answers; Nest hands that one on as a BadRequestException. */
export const INVALID_JSON_PROBLEM: KnownProblem = {
  status: 400,
  type: problemType('invalid-json'),
  title: 'Invalid JSON',
  // Generic on purpose: the parser's message quotes the body, which may hold personal numbers.
  detail: 'The request body is not valid JSON.',
};

/**
 * The errors express's body-parser (via raw-body and http-errors) raises, by their `type`:
 * `{ status, statusCode, expose, type, body? }`. Anything else falls back on its status.
 */
export const BODY_PARSER_PROBLEMS: Readonly<Record<string, KnownProblem>> = {
  'entity.parse.failed': INVALID_JSON_PROBLEM,
  'entity.too.large': {
    status: 413,
    type: problemType('payload-too-large'),
    title: 'Payload Too Large',
    detail: 'The request body is larger than this endpoint accepts.',
  },
  'parameters.too.many': {
    status: 413,
    type: problemType('payload-too-large'),
    title: 'Payload Too Large',
    detail: 'The request body has more parameters than this endpoint accepts.',
  },
  'charset.unsupported': {
    status: 415,
    type: problemType('unsupported-charset'),
    title: 'Unsupported Media Type',
    detail: 'The request body must be encoded as UTF-8.',
  },
  'encoding.unsupported': {
    status: 415,
    type: problemType('unsupported-content-encoding'),
    title: 'Unsupported Media Type',
    detail: 'The request body has a Content-Encoding this service does not read.',
  },
  'request.aborted': {
    status: 400,
    type: problemType('request-aborted'),
    title: 'Bad Request',
    detail: 'The client stopped sending the request body.',
  },
  'request.size.invalid': {
    status: 400,
    type: problemType('request-size-mismatch'),
    title: 'Bad Request',
    detail: 'The request body does not have the length its Content-Length header announces.',
  },
};
