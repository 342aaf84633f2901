'use strict';
const { describe, it, expect } = require('@jest/globals');
const { describeProblem, reasonOf } = require('./problem');

describe('describeProblem', () => {
  it.each([
    [
      'a problem with a detail',
      401,
      'Unauthorized',
      JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'the token has expired' }),
      ['the register refused the upload: 401 Unauthorized', '  the token has expired'],
    ],
    [
      'a problem with errors',
      400,
      'Bad Request',
      JSON.stringify({
        title: 'Unsupported batch',
        status: 400,
        errors: [
          { code: 'validation', field: 'content-type', message: 'must be NDJSON or CSV' },
          { code: 'not-allowed', field: null },
        ],
      }),
      [
        'the register refused the upload: 400 Unsupported batch',
        '  - validation content-type: must be NDJSON or CSV',
        '  - not-allowed',
      ],
    ],
    [
      'an answer that is not JSON',
      502,
      'Bad Gateway',
      '<html>proxy error</html>',
      ['the register refused the upload: 502 Bad Gateway', '  <html>proxy error</html>'],
    ],
    ['an empty answer', 403, 'Forbidden', '', ['the register refused the upload: 403 Forbidden']],
  ])('shows %s', (_name, status, statusText, text, expected) => {
    expect(describeProblem(status, statusText, text).split('\n')).toEqual(expected);
  });

  it('cuts a long answer short', () => {
    const text = describeProblem(500, 'Internal Server Error', 'x'.repeat(2000));
    expect(text.length).toBeLessThan(600);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('reasonOf', () => {
  it.each([
    [
      { code: 'validation', field: 'examDate', message: 'is in the future' },
      'validation examDate: is in the future',
    ],
    [{ code: 'already-exists', field: null, message: 'exists' }, 'already-exists: exists'],
    [{ code: 'malformed-message' }, 'malformed-message'],
    [undefined, 'error'],
  ])('%j reads "%s"', (error, text) => {
    expect(reasonOf(error)).toBe(text);
  });
});
