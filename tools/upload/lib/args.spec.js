'use strict';
const { describe, it, expect } = require('@jest/globals');
const { parseArgs, contentTypeOf, UsageError } = require('./args');

describe('parseArgs', () => {
  const env = { ROD_TOKEN: 'env-token' };

  it.each([
    [
      'the defaults, with the token from ROD_TOKEN',
      ['results.ndjson', '--institution', '21PA'],
      {
        file: 'results.ndjson',
        contentType: 'application/x-ndjson',
        institution: '21PA',
        url: 'http://127.0.0.1:3001',
        token: 'env-token',
        idempotencyKey: null,
        report: null,
      },
    ],
    [
      'every option',
      [
        'in/r.csv',
        '--institution=21PA',
        '--url',
        'https://register.example/',
        '--token',
        'flag-token',
        '--idempotency-key',
        'k-1',
        '--report',
        'rejected.ndjson',
      ],
      {
        file: 'in/r.csv',
        contentType: 'text/csv',
        url: 'https://register.example',
        token: 'flag-token',
        idempotencyKey: 'k-1',
        report: 'rejected.ndjson',
      },
    ],
    ['options before the file', ['--institution', '21PA', 'r.jsonl'], { file: 'r.jsonl' }],
  ])('reads %s', (_name, argv, expected) => {
    expect(parseArgs(argv, env)).toMatchObject({ help: false, ...expected });
  });

  it('asks for help with --help or -h', () => {
    expect(parseArgs(['--help'], {})).toEqual({ help: true });
    expect(parseArgs(['-h'], {})).toEqual({ help: true });
  });

  it.each([
    ['no file', ['--institution', '21PA'], env, /which file/],
    ['two files', ['a.csv', 'b.csv', '--institution', '21PA'], env, /one file only/],
    ['an unknown option', ['a.csv', '--institution', '21PA', '--fast'], env, /--fast/],
    ['no institution', ['a.csv'], env, /--institution is required/],
    ['a malformed institution', ['a.csv', '--institution', '21pa'], env, /two capital letters/],
    ['no token', ['a.csv', '--institution', '21PA'], {}, /--token or set ROD_TOKEN/],
    ['a bad URL', ['a.csv', '--institution', '21PA', '--url', 'nope'], env, /not a URL/],
    [
      'a non-http URL',
      ['a.csv', '--institution', '21PA', '--url', 'ftp://x'],
      env,
      /http or https/,
    ],
    [
      'an unknown extension',
      ['a.xlsx', '--institution', '21PA'],
      env,
      /\.ndjson, \.jsonl or \.csv/,
    ],
  ])('refuses %s', (_name, argv, environment, message) => {
    expect(() => parseArgs(argv, environment)).toThrow(UsageError);
    expect(() => parseArgs(argv, environment)).toThrow(message);
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['a.ndjson', 'application/x-ndjson'],
    ['a.jsonl', 'application/x-ndjson'],
    ['A.CSV', 'text/csv'],
    ['dir.csv/a.ndjson', 'application/x-ndjson'],
  ])('%s is sent as %s', (file, type) => {
    expect(contentTypeOf(file)).toBe(type);
  });
});
