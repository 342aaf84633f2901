import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { problemType } from './problem-details';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';
import type { ProblemAnswer } from './to-problem';

/** An error as express's body-parser raises it (http-errors). */
function bodyParserError(status: number, message: string, type?: string): Error {
  return Object.assign(new Error(message), {
    status,
    statusCode: status,
    expose: status < 500,
    ...(type ? { type } : {}),
  });
}

const generic500 = {
  problem: {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'The service could not handle this request; the error has been logged.',
  },
  headers: {},
  unexpected: true,
};

describe('toProblem', () => {
  it.each<[string, unknown, ProblemAnswer]>([
    [
      'a ProblemException, with its members and headers',
      new ProblemException(409, 'Result exists', 'Registered already', {
        type: problemType('already-exists'),
        errors: [{ code: 'already-exists', field: null, message: 'exists' }],
        resultId: '21PA-1',
      }).withHeader('Location', '/v1/institutions/21PA/results/1'),
      {
        problem: {
          type: 'https://rod.example/problems/already-exists',
          title: 'Result exists',
          status: 409,
          detail: 'Registered already',
          errors: [{ code: 'already-exists', field: null, message: 'exists' }],
          resultId: '21PA-1',
        },
        headers: { Location: '/v1/institutions/21PA/results/1' },
        unexpected: false,
      },
    ],
    [
      'a ProblemException whose extra members try to replace its own',
      new ProblemException(400, 'Bad', 'detail', { status: 200, title: 'x', instance: '/y' }),
      {
        problem: { type: 'about:blank', title: 'Bad', status: 400, detail: 'detail' },
        headers: {},
        unexpected: false,
      },
    ],
    [
      'a Nest NotFoundException',
      new NotFoundException('No result 21PA-9'),
      {
        problem: {
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'No result 21PA-9',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      "Nest's route-not-found, without the query",
      new NotFoundException('Cannot GET /v1/nowhere?bsn=123456782'),
      {
        problem: {
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: 'Cannot GET /v1/nowhere',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      'a Nest exception without a message',
      new ForbiddenException(),
      {
        problem: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Forbidden' },
        headers: {},
        unexpected: false,
      },
    ],
    [
      "a ValidationPipe's list of messages",
      new BadRequestException(['name must be a string', 'age must be an integer']),
      {
        problem: {
          type: 'about:blank',
          title: 'Bad Request',
          status: 400,
          detail: 'The request is not valid.',
          errors: [
            { code: 'validation', field: null, message: 'name must be a string' },
            { code: 'validation', field: null, message: 'age must be an integer' },
          ],
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      'a plain HttpException with a string',
      new HttpException('Too many', 429),
      {
        problem: {
          type: 'about:blank',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Too many',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      'a deliberate 503',
      new ServiceUnavailableException('The database is not reachable'),
      {
        problem: {
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'The database is not reachable',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      "body-parser's payload too large",
      bodyParserError(413, 'request entity too large', 'entity.too.large'),
      {
        problem: {
          type: 'https://rod.example/problems/payload-too-large',
          title: 'Payload Too Large',
          status: 413,
          detail: 'The request body is larger than this endpoint accepts.',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      "body-parser's parse failure, when it is not handed on as a BadRequestException",
      bodyParserError(400, 'Unexpected token in "{"bsn":"123456782"', 'entity.parse.failed'),
      {
        problem: {
          type: 'https://rod.example/problems/invalid-json',
          title: 'Invalid JSON',
          status: 400,
          detail: 'The request body is not valid JSON.',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      "body-parser's unsupported charset",
      bodyParserError(415, 'unsupported charset "LATIN1"', 'charset.unsupported'),
      {
        problem: {
          type: 'https://rod.example/problems/unsupported-charset',
          title: 'Unsupported Media Type',
          status: 415,
          detail: 'The request body must be encoded as UTF-8.',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      'another http-errors 4xx, with its exposed message',
      bodyParserError(416, 'range not satisfiable'),
      {
        problem: {
          type: 'about:blank',
          title: 'Range Not Satisfiable',
          status: 416,
          detail: 'range not satisfiable',
        },
        headers: {},
        unexpected: false,
      },
    ],
    [
      'an http-errors 5xx, without its message',
      bodyParserError(500, 'stream encoding should not be set', 'stream.encoding.set'),
      {
        problem: {
          type: 'about:blank',
          title: 'Internal Server Error',
          status: 500,
          detail: 'Internal Server Error',
        },
        headers: {},
        unexpected: true,
      },
    ],
    ['a plain Error', new Error('E11000 duplicate key: { bsn: "123456782" }'), generic500],
    [
      'an Error with a status but not made by http-errors',
      Object.assign(new Error('upstream said 404'), { status: 404 }),
      generic500,
    ],
    ['a thrown string', 'oops', generic500],
    ['undefined', undefined, generic500],
  ])('answers %s', (_, exception, answer) => {
    expect(toProblem(exception)).toEqual(answer);
  });

  it('keeps a BadRequestException with JSON in its message when Nest did not make it', () => {
    expect(toProblem(new BadRequestException('config must be JSON')).problem.detail).toBe(
      'config must be JSON',
    );
  });
});
