import type { Readable } from 'node:stream';
import type { CsvErrorCode } from 'csv-parse';
import { malformedLine } from './batch-line';
import type { BatchLine } from './batch-line';
import { bodyOfRecord, csvColumnsOf } from './csv-columns';
import type { CsvColumns } from './csv-columns';
import { csvRecords } from './csv-records';

/**
 * CSV (RFC 4180): the first record names the columns, every later one is a command body.
 * Blank rows (and rows of empty cells) are skipped but keep their line numbers. A row with
 * the wrong number of cells is an error line; a CSV the parser cannot follow any further
 * (an unclosed quote, a record over the size limit) ends with one error line for the record
 * where it broke, because nothing after it can be read reliably.
 */
export async function* readCsvLines(
  body: NodeJS.ReadableStream | Readable,
  maxLineBytes: number,
): AsyncGenerator<BatchLine> {
  let columns: CsvColumns | null = null;
  for await (const item of csvRecords(body, maxLineBytes)) {
    if ('error' in item) {
      const reason = describe(item.error.code, maxLineBytes);
      yield malformedLine(item.line, `${reason}; the rest of the body was not read`);
      return;
    }
    if (columns === null) {
      columns = csvColumnsOf(item.cells);
      continue;
    }
    const result = lineOfRecord(item.line, item.cells, columns);
    if (result) yield result;
  }
}

function lineOfRecord(line: number, cells: string[], columns: CsvColumns): BatchLine | null {
  if ('problem' in columns) {
    return malformedLine(line, `the header row is invalid: ${columns.problem}`);
  }
  if (cells.length !== columns.paths.length) {
    if (cells.every((cell) => cell.trim() === '')) return null;
    return malformedLine(
      line,
      `row has ${cells.length} cells, the header has ${columns.paths.length}`,
    );
  }
  const body = bodyOfRecord(columns.paths, cells);
  return body ? { line, body } : null;
}

/** Own words: the parser's messages may quote a cell, and cells hold personal numbers. */
const DESCRIPTIONS: Partial<Record<CsvErrorCode, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE:
    'a closing quote is followed by something other than a comma or the end of the row',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE:
    'a closing quote is followed by something other than a comma or the end of the row',
  INVALID_OPENING_QUOTE:
    'a quote appears inside an unquoted cell (quote the whole cell and double the quote)',
};

function describe(code: CsvErrorCode, maxLineBytes: number): string {
  if (code === 'CSV_MAX_RECORD_SIZE') return `record is longer than ${maxLineBytes} bytes`;
  return DESCRIPTIONS[code] ?? `the CSV cannot be parsed (${code})`;
}
