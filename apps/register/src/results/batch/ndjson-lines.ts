import { malformedLine } from './batch-line';
import type { BatchLine } from './batch-line';
import { splitLines } from './text-lines';

const BOM = '\uFEFF';

/** NDJSON: one JSON object per line; blank lines are skipped (but keep their number). */
export async function* readNdjsonLines(
  body: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<BatchLine> {
  for await (const item of splitLines(body, maxLineBytes)) {
    if ('oversized' in item) {
      yield malformedLine(item.line, `line is longer than ${maxLineBytes} bytes`);
      continue;
    }
    const text = item.line === 1 && item.text.startsWith(BOM) ? item.text.slice(1) : item.text;
    if (text.trim() === '') continue;
    yield parseJsonLine(item.line, text);
  }
}

function parseJsonLine(line: number, text: string): BatchLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return malformedLine(line, `line is not valid JSON${positionOf(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return malformedLine(line, `line must be a JSON object, not ${kindOf(value)}`);
  }
  return { line, body: value };
}

/**
 * Where the parser gave up, when it says so. The parser's own message is not passed on:
 * it may quote the line, and lines hold personal numbers.
 */
function positionOf(error: unknown): string {
  const match = error instanceof Error ? /at position (\d+)/.exec(error.message) : null;
  return match ? ` (at character ${Number(match[1]) + 1})` : '';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
