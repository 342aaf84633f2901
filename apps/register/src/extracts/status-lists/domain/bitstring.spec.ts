import { gunzipSync } from 'node:zlib';
import { bitstringWith, decodeList, emptyBitstring, encodeList, getBit, setBit } from './bitstring';

describe('bitstring', () => {
  it.each<[number[], number[]]>([
    // bit 0 is the most significant bit of the first byte
    [[0], [0x80, 0x00]],
    [[7], [0x01, 0x00]],
    [[8], [0x00, 0x80]],
    [[15], [0x00, 0x01]],
    [
      [1, 6, 9],
      [0x42, 0x40],
    ],
    [
      [0, 1, 2, 3, 4, 5, 6, 7],
      [0xff, 0x00],
    ],
    [[], [0x00, 0x00]],
  ])('sets bits %p as bytes %p', (indexes, bytes) => {
    const bits = bitstringWith(16, indexes);
    expect([...bits]).toEqual(bytes);
    for (let i = 0; i < 16; i += 1) expect(getBit(bits, i)).toBe(indexes.includes(i));
  });

  it('clears a bit without touching its neighbours', () => {
    const bits = bitstringWith(16, [6, 7, 8]);
    setBit(bits, 7, false);
    expect([...bits]).toEqual([0x02, 0x80]);
  });

  it.each([[-1], [16], [1.5], [Number.NaN]])('refuses index %p of a 16-bit string', (index) => {
    expect(() => getBit(emptyBitstring(16), index)).toThrow(RangeError);
    expect(() => setBit(emptyBitstring(16), index)).toThrow(RangeError);
  });

  it.each([[0], [7], [-8]])('refuses a bitstring of %p bits', (size) => {
    expect(() => emptyBitstring(size)).toThrow(RangeError);
  });
});

describe('encodedList', () => {
  const SIZE = 131_072;

  it.each<[string, number[]]>([
    ['an empty list', []],
    ['the first and last entries', [0, SIZE - 1]],
    ['scattered entries', [3, 99, 4096, 70_001, 131_000]],
  ])('round-trips %s through Multibase base64url of GZIP', (_case, indexes) => {
    const encoded = encodeList(bitstringWith(SIZE, indexes));
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    // Decoded as the specification says, without the module's own decoder.
    const raw = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(raw.length).toBe(SIZE / 8);
    const set = [...raw.entries()].flatMap(([byte, value]) =>
      [0, 1, 2, 3, 4, 5, 6, 7].filter((bit) => value & (0x80 >> bit)).map((bit) => byte * 8 + bit),
    );
    expect(set).toEqual(indexes);
    expect([...decodeList(encoded)]).toEqual([...raw]);
  });

  it('keeps an empty 16 KiB list small', () => {
    expect(encodeList(emptyBitstring(SIZE)).length).toBeLessThan(100);
  });

  it.each([
    ['no multibase prefix', 'H4sIAAAAAAAAA2NgGAWjYBSMglEwCgYBAJ-GoaoAAgAA'],
    ['padding', 'uH4sIAAAAAAAAA2NgGAWjYBSMglEwCgYBAJ-GoaoAAgAA=='],
    ['base64, not base64url', 'uH4sI+AAAAAAA/2Ng'],
    ['not gzip', 'uAAAA'],
  ])('refuses an encodedList with %s', (_case, encoded) => {
    expect(() => decodeList(encoded)).toThrow();
  });
});
