/** The formats a batch body may come in. */
export type BatchFormat = 'ndjson' | 'csv';

/** Why a line of a batch could not be turned into a command body. */
export type BatchLineError = { code: 'malformed-message'; field: null; message: string };

/**
 * One data line of a batch: the command body it holds (still to be validated), or why it
 * holds none. `line` is the 1-based line number in the file (for CSV the header is line 1;
 * a record spanning several lines reports its first).
 */
export type BatchLine = { line: number; body: unknown } | { line: number; error: BatchLineError };

export function malformedLine(line: number, message: string): BatchLine {
  return { line, error: { code: 'malformed-message', field: null, message } };
}

/** The longest line (or CSV record) accepted, in bytes without its line break. */
export const DEFAULT_MAX_LINE_BYTES = 65_536;
