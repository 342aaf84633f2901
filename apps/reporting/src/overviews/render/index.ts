// Rendering of the overviews for people: pure functions, no Nest, no database.
export { overviewCsv, OVERVIEW_CSV_COLUMNS } from './overview-csv';
export { overviewPage, PAGE_CONTENT_SECURITY_POLICY } from './overview-page';
export type { OverviewPageLinks } from './overview-page';
