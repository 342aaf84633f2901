import type { InstitutionOverview } from '../domain/overview';
import { formatCount, formatPeriodName, formatRate, formatRateChange } from './format';
import type { HtmlValue, SafeHtml } from './html';
import { markup } from './html';

interface Figure {
  /** Stable name in `data-figure`, for tests and anyone reading the page by machine. */
  name: string;
  label: string;
  value: HtmlValue;
  note: HtmlValue;
}

const figure = (f: Figure): SafeHtml => markup`<div class="figure" data-figure="${f.name}">
<dt>${f.label}</dt>
<dd class="value">${f.value}</dd>
<dd class="note">${f.note}</dd>
</div>
`;

function partnerList(deliveries: Record<string, number>): SafeHtml {
  const partners = Object.entries(deliveries);
  if (partners.length === 0) return markup`no partner holds a deleted result it cannot retract`;
  const items = partners.map(
    ([partner, count]) =>
      markup`<li data-partner="${partner}"><code>${partner}</code>: <b>${formatCount(count)}</b></li>`,
  );
  return markup`<ul class="partners">${items}</ul>`;
}

/** The headline figures, each a `data-figure` card in a grid that wraps on small screens. */
export function overviewFigures(overview: InstitutionOverview): SafeHtml {
  const previous = overview.previousPeriod;
  const irreversible = Object.values(overview.irreversibleDeliveries).reduce((a, b) => a + b, 0);
  const figures: Figure[] = [
    {
      name: 'registered',
      label: 'Registered',
      value: formatCount(overview.registered),
      note: 'results registered in this period',
    },
    {
      name: 'deleted',
      label: 'Deleted',
      value: formatCount(overview.deleted),
      note: 'results deleted in this period',
    },
    {
      name: 'deletion-rate',
      label: 'Deletion rate',
      value: formatRate(overview.deletionRate),
      note: 'deleted as a share of registered',
    },
    {
      name: 'change-vs-previous',
      label: 'Change in deletion rate',
      value: markup`${formatRateChange(overview.deletionRate, previous.deletionRate)}<span class="unit"> points</span>`,
      note: `from ${formatRate(previous.deletionRate)} in ${formatPeriodName(previous.period)} (${formatCount(previous.deleted)} deleted)`,
    },
    {
      name: 'national-deletion-rate',
      label: 'National deletion rate',
      value: formatRate(overview.nationalDeletionRate),
      note: 'all institutions together',
    },
    {
      name: 'deleted-with-extract',
      label: 'Deleted with extract',
      value: formatCount(overview.deletedWithExtract),
      note: 'had a digital extract issued',
    },
    {
      name: 'fraud-reports',
      label: 'Fraud reports',
      value: formatCount(overview.fraudReports),
      note: 'reported to the helpdesk',
    },
    {
      name: 'late-registrations',
      label: 'Late registrations',
      value: formatCount(overview.lateRegistrations),
      note: 'over 8 weeks after the exam',
    },
    {
      name: 'irreversible-deliveries',
      label: 'Irreversible deliveries',
      value: formatCount(irreversible),
      note: partnerList(overview.irreversibleDeliveries),
    },
  ];
  return markup`<dl class="figures">
${figures.map(figure)}</dl>`;
}
