import { stringify } from 'csv-stringify/sync';
import type { DeletedResultLine, InstitutionOverview } from '../domain/overview';

/** The CSV's columns, in order; the header row names them exactly so. */
export const OVERVIEW_CSV_COLUMNS = [
  'period',
  'institutionCode',
  'resultId',
  'examType',
  'crohoCode',
  'registeredAt',
  'deletedAt',
  'reason',
  'deletedBy',
  'extractsIssued',
  'irreversiblePartners',
] as const;

type CsvRow = Record<(typeof OVERVIEW_CSV_COLUMNS)[number], string | number>;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
 * Today no value can start so (codes, ids, ISO dates, reason and partner codes are all
 * validated), but the guard costs nothing and holds if a field ever becomes free text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to a text cell that a spreadsheet would take for a formula. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function rowOf(overview: InstitutionOverview, line: DeletedResultLine): CsvRow {
  const text = neutraliseFormula;
  return {
    period: text(overview.period),
    institutionCode: text(overview.institutionCode),
    resultId: text(line.resultId),
    examType: text(line.examType),
    crohoCode: text(line.crohoCode),
    registeredAt: text(line.registeredAt),
    deletedAt: text(line.deletedAt),
    reason: text(line.reason),
    deletedBy: text(line.deletedBy),
    extractsIssued: line.extractsIssued,
    irreversiblePartners: text(line.irreversiblePartners.join(';')),
  };
}

/**
 * An institution's overview as CSV (RFC 4180: header row, CRLF line ends, fields quoted
 * where needed): one line per deleted result, in the overview's order.
 */
export function overviewCsv(overview: InstitutionOverview): string {
  return stringify(
    overview.deletedResults.map((line) => rowOf(overview, line)),
    {
      header: true,
      columns: [...OVERVIEW_CSV_COLUMNS],
      record_delimiter: 'windows',
      // csv-stringify quotes a field holding its record delimiter (CRLF) but not a lone LF
      // or CR; RFC 4180 wants every line break inside a field quoted.
      quoted_match: /[\r\n]/,
    },
  );
}
