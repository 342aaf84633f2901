import { create } from 'qrcode';
import {
  credentialQrCode,
  darkRuns,
  QR_BYTE_CAPACITY,
  qrErrorCorrectionFor,
} from './extract-qr-code';

describe('qrErrorCorrectionFor', () => {
  it.each([
    [1, 'M'],
    [1822, 'M'],
    [QR_BYTE_CAPACITY.M, 'M'],
    [QR_BYTE_CAPACITY.M + 1, 'L'],
    [2500, 'L'],
    [QR_BYTE_CAPACITY.L, 'L'],
  ])('chooses for %i bytes level %s', (bytes, level) => {
    expect(qrErrorCorrectionFor(bytes)).toBe(level);
  });

  it('refuses what no QR code holds', () => {
    expect(() => qrErrorCorrectionFor(QR_BYTE_CAPACITY.L + 1)).toThrow(
      'a credential of 2954 bytes does not fit a QR code (at most 2953)',
    );
  });
});

describe('darkRuns', () => {
  const matrix = (rows: string[]) => (row: number, column: number) => rows[row][column] === '#';

  it.each([
    ['an empty matrix', ['...', '...', '...'], []],
    ['a full row', ['###', '...', '...'], [{ row: 0, column: 0, length: 3 }]],
    [
      'runs broken by light modules and ending at the edge',
      ['#.#', '.##', '##.'],
      [
        { row: 0, column: 0, length: 1 },
        { row: 0, column: 2, length: 1 },
        { row: 1, column: 1, length: 2 },
        { row: 2, column: 0, length: 2 },
      ],
    ],
  ])('merges %s', (_case, rows, runs) => {
    expect(darkRuns(rows.length, matrix(rows))).toEqual(runs);
  });
});

describe('credentialQrCode', () => {
  const credential = (length: number) => 'eyJhbGciOiJFZERTQSJ9.'.padEnd(length, 'x');

  it.each([
    [1822, 'M', 36],
    [QR_BYTE_CAPACITY.M, 'M', 40],
    [2500, 'L', 37],
    [QR_BYTE_CAPACITY.L, 'L', 40],
  ])('puts %i characters in a QR code of level %s, version %i', (length, level, version) => {
    const symbol = credentialQrCode(credential(length));
    expect(symbol).toMatchObject({ errorCorrection: level, version, size: 17 + 4 * version });
  });

  it('covers exactly the dark modules of the symbol qrcode makes', () => {
    const text = credential(1822);
    const expected = create([{ mode: 'byte', data: Buffer.from(text) }], {
      errorCorrectionLevel: 'M',
    }).modules;
    const drawn = new Set<string>();
    for (const run of credentialQrCode(text).darkRuns) {
      for (let column = run.column; column < run.column + run.length; column++) {
        drawn.add(`${run.row},${column}`);
      }
    }
    for (let row = 0; row < expected.size; row++) {
      for (let column = 0; column < expected.size; column++) {
        expect([row, column, drawn.has(`${row},${column}`)]).toEqual([
          row,
          column,
          expected.get(row, column) === 1,
        ]);
      }
    }
  });

  it('refuses a credential too long for any QR code', () => {
    expect(() => credentialQrCode(credential(QR_BYTE_CAPACITY.L + 1))).toThrow(RangeError);
  });
});
