import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A Bitstring Status List's bits (W3C Bitstring Status List v1.0): bit 0 is the most
 * significant bit of the first byte.
 */
export type Bitstring = Uint8Array;

/** A bitstring of `size` zero bits (`size` a multiple of 8). */
export function emptyBitstring(size: number): Bitstring {
  if (!Number.isInteger(size) || size <= 0 || size % 8 !== 0) {
    throw new RangeError(`a bitstring holds a positive multiple of 8 bits, not ${size}`);
  }
  return new Uint8Array(size / 8);
}

function position(bits: Bitstring, index: number): { byte: number; mask: number } {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new RangeError(`index ${index} is outside a bitstring of ${bits.length * 8} bits`);
  }
  return { byte: index >> 3, mask: 0x80 >> (index & 7) };
}

/** The bit at `index`. */
export function getBit(bits: Bitstring, index: number): boolean {
  const { byte, mask } = position(bits, index);
  return (bits[byte] & mask) !== 0;
}

/** Sets (or clears) the bit at `index`, in place. */
export function setBit(bits: Bitstring, index: number, value = true): void {
  const { byte, mask } = position(bits, index);
  bits[byte] = value ? bits[byte] | mask : bits[byte] & ~mask;
}

/** A bitstring of `size` bits with exactly the bits at `indexes` set. */
export function bitstringWith(size: number, indexes: Iterable<number>): Bitstring {
  const bits = emptyBitstring(size);
  for (const index of indexes) setBit(bits, index);
  return bits;
}

/** `encodedList`: Multibase base64url without padding (prefix `u`) of the GZIP-compressed bits. */
export function encodeList(bits: Bitstring): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** The bits of an `encodedList`; throws on anything that is not one. */
export function decodeList(encodedList: string): Bitstring {
  if (!encodedList.startsWith('u') || !/^u[A-Za-z0-9_-]+$/.test(encodedList)) {
    throw new Error('an encodedList is "u" and base64url without padding');
  }
  return new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url')));
}
