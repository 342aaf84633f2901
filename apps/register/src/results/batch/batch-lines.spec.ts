import { Readable } from 'node:stream';
import { readBatchLines } from './batch-lines';
import type { BatchFormat, BatchLine } from './batch-lines';

/** The same body cut in three ways: whole, in 1-byte chunks and in 7-byte chunks. */
const CHUNKINGS: ReadonlyArray<[string, (bytes: Buffer) => Buffer[]]> = [
  ['one chunk', (bytes) => [bytes]],
  ['1-byte chunks', (bytes) => chunksOf(bytes, 1)],
  ['7-byte chunks', (bytes) => chunksOf(bytes, 7)],
];

function chunksOf(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

async function linesOf(
  chunks: Buffer[],
  format: BatchFormat,
  maxLineBytes?: number,
): Promise<BatchLine[]> {
  const lines: BatchLine[] = [];
  for await (const line of readBatchLines(Readable.from(chunks), format, { maxLineBytes })) {
    lines.push(line);
  }
  return lines;
}

const body = (line: number, value: unknown): BatchLine => ({ line, body: value });
const error = (line: number, message: RegExp) => ({
  line,
  error: { code: 'malformed-message', field: null, message: expect.stringMatching(message) },
});

type Case = [name: string, input: string, expected: unknown[], maxLineBytes?: number];

function checkCases(format: BatchFormat, cases: Case[]): void {
  describe.each(CHUNKINGS)('in %s', (_chunking, cut) => {
    // A rest parameter, so that jest does not take a short row for a test wanting `done`.
    it.each(cases)('%s', async (...[, input, expected, maxLineBytes]: Case) => {
      const lines = await linesOf(cut(Buffer.from(input)), format, maxLineBytes);
      expect(lines).toEqual(expected);
    });
  });
}

describe('readBatchLines, NDJSON', () => {
  const x50 = 'x'.repeat(50);
  checkCases('ndjson', [
    [
      'reads one object per line',
      '{"a":1}\n{"b":{"c":2}}\n',
      [body(1, { a: 1 }), body(2, { b: { c: 2 } })],
    ],
    [
      'reads a last line without a line break',
      '{"a":1}\n{"b":2}',
      [body(1, { a: 1 }), body(2, { b: 2 })],
    ],
    [
      'skips blank lines but counts them',
      '\n{"a":1}\n\n  \t\n{"b":2}\n\n',
      [body(2, { a: 1 }), body(5, { b: 2 })],
    ],
    ['tolerates CRLF', '{"a":1}\r\n\r\n{"b":2}\r\n', [body(1, { a: 1 }), body(3, { b: 2 })]],
    ['tolerates a byte order mark', '\uFEFF{"a":1}\n', [body(1, { a: 1 })]],
    ['keeps multi-byte characters split across chunks', '{"n":"é€😀"}\n', [body(1, { n: 'é€😀' })]],
    [
      'keeps a "__proto__" key as data',
      '{"__proto__":{"p":1}}\n',
      [body(1, JSON.parse('{"__proto__":{"p":1}}'))],
    ],
    [
      'reports a line that is not JSON and reads on',
      '{"a":\n{"b":2}\nnot json\n',
      [error(1, /^line is not valid JSON/), body(2, { b: 2 }), error(3, /^line is not valid JSON/)],
    ],
    ['reports an array', '[1,2]\n', [error(1, /^line must be a JSON object, not an array$/)]],
    ['reports a number', '42\n', [error(1, /^line must be a JSON object, not a number$/)]],
    ['reports null', 'null\n', [error(1, /^line must be a JSON object, not null$/)]],
    ['reports a string', '"s"\n', [error(1, /^line must be a JSON object, not a string$/)]],
    [
      'reports a line over the limit and reads on',
      `{"a":"${x50}"}\n{"b":2}\n{"c":"${x50}"}`,
      [error(1, /^line is longer than 20 bytes$/), body(2, { b: 2 }), error(3, /longer than 20/)],
      20,
    ],
    [
      'accepts a line of exactly the limit, with or without CR',
      '{"a":"123456789012"}\n{"a":"123456789012"}\r\n',
      [body(1, { a: '123456789012' }), body(2, { a: '123456789012' })],
      20,
    ],
    ['reads nothing from an empty body', '', []],
  ]);

  it('does not quote the line in its error (lines hold personal numbers)', async () => {
    const [line] = await linesOf([Buffer.from('{"bsn": 123456782 oops}\nx123456782\n')], 'ndjson');
    expect(JSON.stringify(line)).not.toContain('123456782');
  });
});

describe('readBatchLines, CSV', () => {
  const header =
    'institutionCode,resultSequence,person.bsn,person.educationNumber,programme.crohoCode,' +
    'programme.level,programme.examType,examDate,studyMode';
  const result = {
    institutionCode: '21PA',
    resultSequence: '2026000123',
    person: { bsn: '123456782' },
    programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    examDate: '2026-07-03',
    studyMode: 'full-time',
  };
  const row = '21PA,2026000123,123456782,,34479,HBO,bachelor,2026-07-03,full-time';
  const invalidHeader = /^the header row is invalid: /;

  checkCases('csv', [
    ['builds a register-result from the header names', `${header}\n${row}\n`, [body(2, result)]],
    [
      'tolerates a byte order mark and CRLF',
      `\uFEFF${header}\r\n${row}\r\n${row}\r\n`,
      [body(2, result), body(3, result)],
    ],
    [
      'nests dotted names',
      'a.b.c,a.b.d,a.e\n1,2,3\n',
      [body(2, { a: { b: { c: '1', d: '2' }, e: '3' } })],
    ],
    [
      'leaves empty cells out',
      'a,p.x,p.y\n1,,\n,2,\n',
      [body(2, { a: '1' }), body(3, { p: { x: '2' } })],
    ],
    ['trims cells', 'a,b\n  1 , " 2 " \n', [body(2, { a: '1', b: '2' })]],
    [
      'keeps unknown columns for the validator to reject',
      'colour\nred\n',
      [body(2, { colour: 'red' })],
    ],
    [
      'reads commas and doubled quotes in quoted cells (RFC 4180)',
      'a,b\n"x, y","say ""hi"""\n',
      [body(2, { a: 'x, y', b: 'say "hi"' })],
    ],
    [
      'numbers a record spanning lines by its first line',
      'a,b\n"one\ntwo\nthree",z\n\n3,4\n',
      [body(2, { a: 'one\ntwo\nthree', b: 'z' }), body(6, { a: '3', b: '4' })],
    ],
    [
      'numbers records spanning lines in a CRLF file (as spreadsheets write them)',
      'a,b\r\n"one\ntwo",z\r\n"x\r\ny",4\r\n',
      [body(2, { a: 'one\ntwo', b: 'z' }), body(4, { a: 'x\r\ny', b: '4' })],
    ],
    [
      'skips blank rows and rows of empty cells but counts them',
      'a,b\n\n,\n1,2\n\n3,4',
      [body(4, { a: '1', b: '2' }), body(6, { a: '3', b: '4' })],
    ],
    [
      'reports a row with the wrong number of cells and reads on',
      'a,b\n1\n1,2,3\n4,5\n',
      [
        error(2, /^row has 1 cells, the header has 2$/),
        error(3, /has 3 cells/),
        body(4, { a: '4', b: '5' }),
      ],
    ],
    ['reads nothing from a header alone', `${header}\n`, []],
    ['reads nothing from an empty body', '', []],
    [
      'ends with an error at an unclosed quote',
      'a,b\n1,2\n\n"3,4\n5,6\n',
      [
        body(2, { a: '1', b: '2' }),
        error(4, /^a quoted cell is never closed; the rest of the body was not read$/),
      ],
    ],
    [
      'ends with an error at a stray character after a closing quote',
      'a,b\n1,2\n"3"x,4\n5,6\n',
      [body(2, { a: '1', b: '2' }), error(3, /closing quote is followed by something other/)],
    ],
    [
      'ends with an error at a quote inside an unquoted cell',
      'a,b\nx"y,2\n5,6\n',
      [error(2, /quote appears inside an unquoted cell/)],
    ],
    [
      'ends with an error at a record over the limit',
      `a,b\n1,2\n${'x'.repeat(50)},4\n5,6\n`,
      [body(2, { a: '1', b: '2' }), error(3, /^record is longer than 20 bytes; the rest/)],
      20,
    ],
    [
      'rejects a __proto__ column on every line',
      '__proto__.polluted,a\n1,2\n3,4\n',
      [error(2, invalidHeader), error(3, invalidHeader)],
    ],
    [
      'rejects a constructor.prototype column',
      'a,constructor.prototype.polluted\n1,2\n',
      [error(2, invalidHeader)],
    ],
    [
      'rejects a prototype part',
      'a.prototype\n1\n',
      [error(2, /column "a.prototype" is not an allowed name/)],
    ],
    [
      'rejects a $-prefixed column',
      '$where\n1\n',
      [error(2, /column "\$where" is not an allowed name/)],
    ],
    ['rejects a $-prefixed part', 'person.$gt\n1\n', [error(2, invalidHeader)]],
    [
      'rejects a column named twice',
      'a,b,a\n1,2,3\n',
      [error(2, /column "a" appears more than once/)],
    ],
    ['rejects a column without a name', 'a,,b\n1,2,3\n', [error(2, /column 2 has no name/)]],
    ['rejects an empty part', 'person..bsn\n1\n', [error(2, /has an empty part/)]],
    [
      'rejects a value that is also a parent',
      'person,person.bsn\n1,2\n',
      [error(2, /"person" cannot be both a value and the parent of "person.bsn"/)],
    ],
  ]);

  it('lets no header name reach a prototype', async () => {
    const input = 'toString.x,hasOwnProperty,__proto__.p,constructor.prototype.p\n1,2,3,4\n';
    await linesOf([Buffer.from(input)], 'csv');
    const lines = await linesOf([Buffer.from('toString.x,hasOwnProperty\n1,2\n')], 'csv');

    expect(lines).toEqual([body(2, { toString: { x: '1' }, hasOwnProperty: '2' })]);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
    expect((Object.prototype.toString as unknown as Record<string, unknown>).x).toBeUndefined();
  });

  it('does not quote cells in its errors (cells hold personal numbers)', async () => {
    const lines = await linesOf([Buffer.from('a,b\n123456782"x,2\n')], 'csv');
    expect(JSON.stringify(lines)).not.toContain('123456782');
  });
});

describe('readBatchLines, the stream', () => {
  it.each<BatchFormat>(['ndjson', 'csv'])(
    'throws when the %s body itself fails',
    async (format) => {
      const failing = new Readable({ read() {} });
      const next = readBatchLines(failing, format).next();
      failing.destroy(new Error('client went away'));
      await expect(next).rejects.toThrow('client went away');
    },
  );

  it.each<BatchFormat>(['ndjson', 'csv'])(
    'stops reading the %s body when the caller stops',
    async (format) => {
      const source = Readable.from([
        Buffer.from(format === 'csv' ? 'a\n1\n2\n3\n' : '{}\n{}\n{}\n'),
      ]);
      for await (const line of readBatchLines(source, format)) {
        expect(line).toBeDefined();
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(source.destroyed).toBe(true);
    },
  );
});
