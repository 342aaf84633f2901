import { parse } from 'csv-parse/sync';
import { neutraliseFormula, OVERVIEW_CSV_COLUMNS, overviewCsv } from './overview-csv';
import { emptyOverviewFixture, institutionOverviewFixture } from './testing/overview.fixture';

const HEADER =
  'period,institutionCode,resultId,examType,crohoCode,registeredAt,deletedAt,reason,deletedBy,extractsIssued,irreversiblePartners';

const rowsOf = (csv: string): string[][] => parse(csv, { relax_column_count: false });

describe('overview CSV', () => {
  it('has the header row and one line per deleted result, the same values in the same order', () => {
    const overview = institutionOverviewFixture();

    const [header, ...rows] = rowsOf(overviewCsv(overview));

    expect(header.join(',')).toBe(HEADER);
    expect(header).toEqual([...OVERVIEW_CSV_COLUMNS]);
    expect(rows).toEqual(
      overview.deletedResults.map((line) => [
        '2026-11',
        '21PA',
        line.resultId,
        line.examType,
        line.crohoCode,
        line.registeredAt,
        line.deletedAt,
        line.reason,
        line.deletedBy,
        String(line.extractsIssued),
        line.irreversiblePartners.join(';'),
      ]),
    );
  });

  it('ends every line, the last included, with CRLF', () => {
    const csv = overviewCsv(institutionOverviewFixture());

    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(1 + 9 + 1);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('joins several irreversible partners with ";"', () => {
    const overview = institutionOverviewFixture();
    overview.deletedResults[0].irreversiblePartners = ['cibg-big', 'duo-archive'];

    const [, first] = rowsOf(overviewCsv(overview));

    expect(first[10]).toBe('cibg-big;duo-archive');
  });

  it.each([
    ['a comma', 'A,B', '"A,B"'],
    ['a double quote', 'say "hi"', '"say ""hi"""'],
    ['a CRLF', 'one\r\ntwo', '"one\r\ntwo"'],
    ['a lone LF', 'one\ntwo', '"one\ntwo"'],
    ['a lone CR', 'one\rtwo', '"one\rtwo"'],
    ['nothing special', '34475', '34475'],
  ])('quotes a field holding %s as RFC 4180 asks, and reads back the same', (_, value, field) => {
    const overview = institutionOverviewFixture();
    overview.deletedResults = [{ ...overview.deletedResults[0], crohoCode: value }];

    const csv = overviewCsv(overview);

    expect(csv).toContain(`,${field},`);
    expect(rowsOf(csv)[1][4]).toBe(value);
  });

  it.each([
    ['"="', '=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['"+"', '+31', `'+31`],
    ['"-"', '-1+2', `'-1+2`],
    ['"@"', '@SUM(A1)', `'@SUM(A1)`],
    ['a tab', '\tcmd', `'\tcmd`],
    ['a CR', '\rcmd', `'\rcmd`],
    ['no formula character (left alone)', '21PA-1', '21PA-1'],
    ['nothing (left alone)', '', ''],
  ])('keeps a spreadsheet from running a cell starting with %s as a formula', (_, value, cell) => {
    expect(neutraliseFormula(value)).toBe(cell);

    const overview = institutionOverviewFixture();
    overview.deletedResults = [{ ...overview.deletedResults[0], resultId: value }];
    expect(rowsOf(overviewCsv(overview))[1][2]).toBe(cell);
  });

  it('gives only the header row for an overview without deletions', () => {
    expect(overviewCsv(emptyOverviewFixture())).toBe(`${HEADER}\r\n`);
  });
});
