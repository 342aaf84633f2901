import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Info } from 'csv-parse';

/** A record with the first line it starts on, or the error the parser stopped at. */
export type CsvItem = { line: number; cells: string[] } | { line: number; error: CsvError };

type Parsed = { record: string[]; info: Info };
type Position = { lines: number; emptyLines: number };

/**
 * The records of a CSV body in order, read from the parser only as the caller asks for them,
 * ending at the first parse error (after every record before it).
 *
 * The parser runs with skip_records_with_error: an error would otherwise destroy it and drop
 * the records it had parsed but not yet handed over. Records the parser makes of what follows
 * an error are not trusted and not read.
 */
export async function* csvRecords(
  body: NodeJS.ReadableStream | Readable,
  maxRecordBytes: number,
): AsyncGenerator<CsvItem> {
  const parser = parse({
    bom: true,
    trim: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    max_record_size: maxRecordBytes,
  });
  let broken: CsvError | null = null;
  let wake = (): void => undefined;
  parser.on('skip', (error: CsvError) => (broken ??= error));
  for (const event of ['readable', 'end', 'close', 'skip']) parser.on(event, () => wake());
  // Errors of the body reach the parser, which is then destroyed with them (checked below).
  pipeline(body, parser, () => undefined);
  let last: Position = { lines: 0, emptyLines: 0 };
  try {
    for (;;) {
      const parsed = parser.read() as Parsed | null;
      if (parsed !== null && !(broken && parsed.info.records > recordsBefore(broken))) {
        yield { line: firstLineOf(parsed.info.empty_lines, last), cells: parsed.record };
        last = { lines: parsed.info.lines, emptyLines: parsed.info.empty_lines };
        continue;
      }
      // The parser's buffer is empty here, so every record before the error has been read.
      const error = broken ?? (parser.errored instanceof CsvError ? parser.errored : null);
      if (error) {
        yield { line: firstLineOf(error.empty_lines, last), error };
        return;
      }
      if (parser.errored) throw parser.errored;
      if (parser.readableEnded || parser.destroyed) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    parser.destroy();
  }
}

/**
 * A record starts on the line after the previous one ended, past the blank lines between
 * them: counted this way, a record whose quoted cells span lines has its first line's number.
 */
function firstLineOf(emptyLinesSoFar: unknown, last: Position): number {
  const emptyLines = typeof emptyLinesSoFar === 'number' ? emptyLinesSoFar : last.emptyLines;
  return last.lines + 1 + (emptyLines - last.emptyLines);
}

function recordsBefore(error: CsvError): number {
  return typeof error.records === 'number' ? error.records : Number.POSITIVE_INFINITY;
}
