/** One line of a byte stream: its text, or the fact that it was too long to keep. */
export type TextLine = { line: number; text: string } | { line: number; oversized: true };

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream on \n (a \r before it is dropped) without ever holding more than one
 * line of at most `maxLineBytes` bytes: a longer line is discarded as it streams past and
 * reported as oversized, and the lines after it are read as usual. Every line is numbered,
 * blank ones too; a final line without \n counts, the empty rest after a final \n does not.
 * Splitting bytes on 0x0a is safe for UTF-8, whose multi-byte sequences never contain it.
 *
 * (split2's maxLength does not fit: it checks only the unfinished tail of a chunk, and on
 * overflow either errors the whole stream or, with skipOverflow, drops the line silently.)
 */
export async function* splitLines(
  source: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<TextLine> {
  const buffer = new LineBuffer(maxLineBytes);
  let line = 1;
  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    for (let end = chunk.indexOf(LF, start); end !== -1; end = chunk.indexOf(LF, start)) {
      buffer.append(chunk.subarray(start, end));
      yield buffer.take(line++);
      start = end + 1;
    }
    buffer.append(chunk.subarray(start));
  }
  if (!buffer.isEmpty()) yield buffer.take(line);
}

/** The bytes of the line being read, up to the limit (plus one for a \r). */
class LineBuffer {
  private parts: Buffer[] = [];
  private size = 0;
  private overflowed = false;

  constructor(private readonly maxLineBytes: number) {}

  append(piece: Buffer): void {
    if (this.overflowed || piece.length === 0) return;
    if (this.size + piece.length > this.maxLineBytes + 1) {
      this.overflowed = true;
      this.parts = [];
      this.size = 0;
      return;
    }
    // A copy, so that a kept slice does not pin the whole chunk it came from.
    this.parts.push(Buffer.from(piece));
    this.size += piece.length;
  }

  isEmpty(): boolean {
    return this.size === 0 && !this.overflowed;
  }

  take(line: number): TextLine {
    const bytes = Buffer.concat(this.parts, this.size);
    const overflowed = this.overflowed;
    this.parts = [];
    this.size = 0;
    this.overflowed = false;
    const length =
      bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    if (overflowed || length > this.maxLineBytes) return { line, oversized: true };
    return { line, text: bytes.toString('utf8', 0, length) };
  }
}
