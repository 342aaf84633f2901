import {
  courierCharactersPerLine,
  credentialTextLayout,
  fixedWidthLines,
  urlLines,
} from './extract-pdf-layout';

const jwtOf = (length: number) => 'eyJhbGciOiJFZERTQSJ9.'.padEnd(length, 'Ab_-9');

describe('fixedWidthLines', () => {
  it.each([
    ['', 4, []],
    ['abc', 4, ['abc']],
    ['abcd', 4, ['abcd']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['a.b-c_d', 1, ['a', '.', 'b', '-', 'c', '_', 'd']],
  ])('cuts "%s" into lines of %i', (text, perLine, lines) => {
    expect(fixedWidthLines(text, perLine)).toEqual(lines);
  });

  it('gives back the text exactly when the lines are joined', () => {
    const jwt = jwtOf(1999);
    expect(fixedWidthLines(jwt, 97).join('')).toBe(jwt);
  });

  it.each([0, -1, 2.5])('refuses %p characters a line', (perLine) => {
    expect(() => fixedWidthLines('abc', perLine)).toThrow(RangeError);
  });
});

describe('courierCharactersPerLine', () => {
  it.each([
    [60, 10, 10],
    [59.9, 10, 9],
    [481.9, 7, 114],
    [1, 10, 1],
  ])('fits in %p points at %p pt: %i characters', (width, fontSize, characters) => {
    expect(courierCharactersPerLine(width, fontSize)).toBe(characters);
  });
});

describe('urlLines', () => {
  const url = 'https://register.example.nl/v1/extracts/verify';

  it.each([
    ['keeps a URL that fits on one line', url, 60, [url]],
    ['keeps a URL exactly as long as a line', url, url.length, [url]],
    [
      'breaks before the last slash that fits',
      url,
      41,
      ['https://register.example.nl/v1/extracts', '/verify'],
    ],
    ['breaks more than once', url, 28, ['https://register.example.nl', '/v1/extracts/verify']],
    [
      'never breaks inside the scheme',
      'https://a-very-long-host-name.example.nl/verify',
      12,
      ['https://a-ve', 'ry-long-host', '-name.exampl', 'e.nl/verify'],
    ],
    [
      'cuts a path segment longer than a line',
      'https://h.nl/abcdefghijklmnop',
      10,
      ['https://h.', 'nl', '/abcdefghi', 'jklmnop'],
    ],
  ])('%s', (_case, text, perLine, lines) => {
    const result = urlLines(text, perLine);
    expect(result).toEqual(lines);
    expect(result.join('')).toBe(text);
  });
});

describe('credentialTextLayout', () => {
  it.each([
    ['a short credential', 1000, 7],
    ['a typical credential (1.8 KB)', 1822, 7],
    ['a long credential (2.2 KB)', 2200, 6.5],
    ['the longest a QR code holds', 2953, 5.5],
  ])('prints %s at the largest size that fits', (_case, length, fontSize) => {
    const layout = credentialTextLayout(jwtOf(length), 481.9, 160);
    expect(layout.fontSize).toBe(fontSize);
    expect(layout.lines.length * layout.lineHeight).toBeLessThanOrEqual(160);
    expect(layout.lines.join('')).toBe(jwtOf(length));
  });

  it('refuses a credential that fits at no size', () => {
    expect(() => credentialTextLayout(jwtOf(2953), 481.9, 60)).toThrow(
      'a credential of 2953 characters does not fit the page',
    );
  });
});
