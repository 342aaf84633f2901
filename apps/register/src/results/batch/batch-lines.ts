import type { Readable } from 'node:stream';
import { DEFAULT_MAX_LINE_BYTES } from './batch-line';
import type { BatchFormat, BatchLine } from './batch-line';
import { readCsvLines } from './csv-lines';
import { readNdjsonLines } from './ndjson-lines';

export { batchFormatOf } from './batch-format';
export type { BatchFormat, BatchLine, BatchLineError } from './batch-line';

export type BatchLinesOptions = {
  /**
   * The longest line (CSV: record) accepted, in bytes, default 65536. A longer NDJSON line is
   * an error line and reading goes on; a longer CSV record ends the batch with an error line.
   */
  maxLineBytes?: number;
};

/**
 * The data lines of a streamed batch body, one at a time, pulled from the stream only as
 * fast as the caller consumes them: memory holds at most a chunk and one line, whatever
 * the size of the body. Lines that hold no command body are error lines (`malformed-message`);
 * an error of the stream itself (the client went away) is thrown.
 *
 * Line numbers are 1-based lines of the file: for CSV the header row is line 1, so the first
 * data row is line 2, and a record whose quoted cells span lines has its first line's number.
 */
export async function* readBatchLines(
  body: NodeJS.ReadableStream | Readable,
  format: BatchFormat,
  options: BatchLinesOptions = {},
): AsyncGenerator<BatchLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (format === 'csv') yield* readCsvLines(body, maxLineBytes);
  else yield* readNdjsonLines(body, maxLineBytes);
}
