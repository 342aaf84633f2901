import type { InstitutionOverview } from '../domain/overview';
import { deletedResultsTable } from './deleted-results-table';
import { formatCount, formatDayAndTime, formatPeriodDays, formatPeriodName } from './format';
import type { SafeHtml } from './html';
import { markup, safeHref } from './html';
import { overviewCharts } from './overview-charts';
import { overviewFigures } from './overview-figures';
import { pageDocument } from './page-layout';

export { PAGE_CONTENT_SECURITY_POLICY } from './page-layout';

/** Where the page links to; the controller knows the routes, the renderer does not. */
export interface OverviewPageLinks {
  /** The same overview as CSV. */
  csv: string;
  /** The same overview as JSON. */
  json: string;
  /** Other built periods of this institution, to move between overviews. */
  periods: { period: string; href: string }[];
}

const PREVIEW_BANNER = markup`<p class="banner" role="note" data-banner="preview"><strong>Preview:</strong> the period has not ended; figures can still change.</p>`;

function header(overview: InstitutionOverview, links: OverviewPageLinks): SafeHtml {
  const generated = overview.generatedAt;
  return markup`<header>
<p class="eyebrow">Register of higher-education results · Overview of deleted results</p>
<h1>Deleted results of ${overview.institutionCode}</h1>
<p class="period">${formatPeriodName(overview.period)} overview: <strong>${formatPeriodDays(overview.from, overview.to)}</strong></p>
<p class="generated">Generated <time datetime="${generated}">${formatDayAndTime(generated)}</time> (Amsterdam time)</p>
${overview.preview && PREVIEW_BANNER}
<ul class="links">
<li><a href="${safeHref(links.csv)}" data-link="csv" download>Download as CSV</a> <span class="small">(one line per deleted result)</span></li>
<li><a href="${safeHref(links.json)}" data-link="json">View as JSON</a></li>
<li><a href="#other-periods">Other periods</a></li>
</ul>
</header>`;
}

function otherPeriods(links: OverviewPageLinks): SafeHtml {
  const items =
    links.periods.length === 0
      ? markup`<li>No other periods have been built yet.</li>`
      : links.periods.map(
          (p) =>
            markup`<li><a href="${safeHref(p.href)}" data-link="period" data-period="${p.period}">${formatPeriodName(p.period)}</a></li>
`,
        );
  return markup`<nav aria-labelledby="other-periods">
<h2 id="other-periods">Other periods</h2>
<ul class="links">
${items}</ul>
</nav>`;
}

/**
 * An institution's overview as a complete, self-contained HTML5 page for its staff:
 * headline figures, two inline SVG charts with their numbers as tables, the deleted
 * results, and links to the CSV, the JSON and other periods. Every value is escaped;
 * serve it with `PAGE_CONTENT_SECURITY_POLICY`.
 */
export function overviewPage(overview: InstitutionOverview, links: OverviewPageLinks): string {
  const days = formatPeriodDays(overview.from, overview.to);
  const body = markup`<main>
${header(overview, links)}
<section aria-labelledby="figures">
<h2 id="figures">The period in figures</h2>
${overviewFigures(overview)}
</section>
<section aria-labelledby="charts">
<h2 id="charts">Reasons and trend</h2>
${overviewCharts(overview)}
</section>
<section aria-labelledby="deleted-results">
<h2 id="deleted-results">Deleted results (${formatCount(overview.deletedResults.length)})</h2>
${deletedResultsTable(overview.deletedResults)}
</section>
<footer>
${otherPeriods(links)}
<p>Personal numbers are never shown in this overview. Dates are in Amsterdam time.</p>
</footer>
</main>`;
  return pageDocument({
    title: `Deleted results of ${overview.institutionCode}, ${days}${overview.preview ? ' (preview)' : ''}`,
    body,
  });
}
