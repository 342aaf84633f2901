import type { InstitutionOverview } from '../domain/overview';
import { barChartSvg } from './bar-chart.svg';
import {
  formatCount,
  formatPeriodDays,
  formatPeriodName,
  formatRate,
  formatShortPeriodName,
} from './format';
import type { SafeHtml } from './html';
import { markup } from './html';
import { examTypeLabel, reasonLabel } from './labels';
import { rateChartSvg } from './rate-chart.svg';

function byReason(overview: InstitutionOverview): SafeHtml {
  const items = Object.entries(overview.byReason).map(([reason, value]) => ({
    label: reasonLabel(reason),
    value,
  }));
  const counts = items.map((item) => `${item.label} ${formatCount(item.value)}`).join('; ');
  const chart = barChartSvg({
    name: 'by-reason',
    title: 'Deletions by reason',
    description: `Bar chart of the ${formatCount(overview.deleted)} deletions in ${formatPeriodDays(overview.from, overview.to)} by reason: ${counts}.`,
    items,
    formatValue: formatCount,
  });
  const rows = items.map(
    (item) =>
      markup`<tr><th scope="row">${item.label}</th><td class="num">${formatCount(item.value)}</td></tr>
`,
  );
  return markup`<figure class="card">
<figcaption>Deletions by reason</figcaption>
${chart}
<div class="visually-hidden">
<table>
<caption>Deletions by reason</caption>
<thead><tr><th scope="col">Reason</th><th scope="col" class="num">Deleted</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>
</figure>`;
}

function rateHistory(overview: InstitutionOverview): SafeHtml {
  const code = overview.institutionCode;
  const points = overview.rateHistory;
  const rates = points
    .map(
      (p) =>
        `${formatPeriodName(p.period)}: ${code} ${formatRate(p.deletionRate)}, all institutions ${formatRate(p.nationalDeletionRate)}`,
    )
    .join('; ');
  const chart = rateChartSvg({
    name: 'rate-history',
    title: `Deletion rate of ${code} and of all institutions, by period`,
    description: `Grouped bar chart over ${points.length} periods: ${rates}.`,
    seriesLabel: code,
    points,
  });
  const rows = points.map(
    (p) =>
      markup`<tr><th scope="row">${formatShortPeriodName(p.period)}</th><td class="num">${formatRate(p.deletionRate)}</td><td class="num">${formatRate(p.nationalDeletionRate)}</td><td class="num">${formatCount(p.deleted)} / ${formatCount(p.registered)}</td></tr>
`,
  );
  return markup`<figure class="card">
<figcaption>Deletion rate over time</figcaption>
${chart}
<div class="table-scroll" tabindex="0" role="region" aria-label="Deletion rate by period, as a table">
<table class="small">
<thead><tr><th scope="col">Period</th><th scope="col" class="num">${code}</th><th scope="col" class="num">National</th><th scope="col" class="num">Deleted / registered</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>
</figure>`;
}

function byExamType(overview: InstitutionOverview): SafeHtml {
  const rows = Object.entries(overview.byExamType).map(
    ([examType, count]) =>
      markup`<tr><th scope="row">${examTypeLabel(examType)}</th><td class="num">${formatCount(count)}</td></tr>
`,
  );
  return markup`<section class="card" aria-labelledby="by-exam-type">
<h3 id="by-exam-type">Deletions by exam type</h3>
<table class="small">
<tbody>
${rows}</tbody>
</table>
</section>`;
}

/**
 * The two charts, each with its numbers as a table too (hidden for the bar chart, whose bars
 * carry their counts; visible and small for the rates), and the deletions by exam type.
 */
export function overviewCharts(overview: InstitutionOverview): SafeHtml {
  return markup`<div class="charts">
<div class="stack">
${byReason(overview)}
${byExamType(overview)}
</div>
${rateHistory(overview)}
</div>`;
}
