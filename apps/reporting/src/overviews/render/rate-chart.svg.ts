import type { RateHistoryPoint } from '../domain/overview';
import { round } from './bar-chart.svg';
import { formatAxisRate, formatRate, formatShortPeriodName } from './format';
import type { SafeHtml } from './html';
import { markup } from './html';
import { rateTicks } from './rate-axis';

/** The deletion rate over the last periods, the institution's bar beside the nation's. */
export interface RateChart {
  name: string;
  title: string;
  description: string;
  /** Who the first bar of each pair is (the institution's code). */
  seriesLabel: string;
  points: readonly RateHistoryPoint[];
}

// Viewbox units; narrow for the same reason as the bar chart (readable 1:1 on a phone).
const WIDTH = 340;
const HEIGHT = 240;
const LEFT = 46;
const RIGHT = 6;
const TOP = 34;
const BOTTOM = 38;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
const BASELINE = TOP + PLOT_HEIGHT;
const MAX_BAR = 22;

/** Grouped bars with a legend and a percentage axis; the newest period is the last group. */
export function rateChartSvg(chart: RateChart): SafeHtml {
  const rates = chart.points.flatMap((p) => [p.deletionRate, p.nationalDeletionRate]);
  const ticks = rateTicks(Math.max(0, ...rates));
  const top = ticks[ticks.length - 1];
  const y = (rate: number): number => round(BASELINE - (Math.min(rate, top) / top) * PLOT_HEIGHT);
  const group = PLOT_WIDTH / Math.max(1, chart.points.length);
  const bar = round(Math.min(MAX_BAR, group * 0.34));

  const grid = ticks.map(
    (
      tick,
    ) => markup`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(tick)}" y2="${y(tick)}" class="chart-grid"/>
<text x="${LEFT - 6}" y="${y(tick) + 4}" text-anchor="end" class="chart-axis">${formatAxisRate(tick)}</text>
`,
  );

  const groups = chart.points.map((point, i) => {
    const centre = round(LEFT + group * i + group / 2);
    const axisClass =
      i === chart.points.length - 1 ? 'chart-axis chart-axis-current' : 'chart-axis';
    const [month, year] = formatShortPeriodName(point.period).split(' ');
    const bars = [
      { rate: point.deletionRate, x: centre - bar - 1, kind: 'chart-bar', who: chart.seriesLabel },
      {
        rate: point.nationalDeletionRate,
        x: centre + 1,
        kind: 'chart-bar-national',
        who: 'national',
      },
    ].map(
      (b) =>
        markup`<rect x="${round(b.x)}" y="${y(b.rate)}" width="${bar}" height="${round(BASELINE - y(b.rate))}" class="${b.kind}"><title>${point.period}, ${b.who}: ${formatRate(b.rate)}</title></rect>
`,
    );
    return markup`<g>
${bars}<text x="${centre}" y="${BASELINE + 16}" text-anchor="middle" class="${axisClass}">${month}</text>
<text x="${centre}" y="${BASELINE + 31}" text-anchor="middle" class="${axisClass}">${year}</text>
</g>
`;
  });

  return markup`<svg data-chart="${chart.name}" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${chart.name}-title ${chart.name}-desc" preserveAspectRatio="xMinYMin meet">
<title id="${chart.name}-title">${chart.title}</title>
<desc id="${chart.name}-desc">${chart.description}</desc>
<rect x="${LEFT}" y="6" width="12" height="12" rx="2" class="chart-bar"/>
<text x="${LEFT + 18}" y="16.5" class="chart-label">${chart.seriesLabel}</text>
<rect x="${LEFT + 150}" y="6" width="12" height="12" rx="2" class="chart-bar-national"/>
<text x="${LEFT + 168}" y="16.5" class="chart-label">All institutions</text>
${grid}<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${BASELINE}" y2="${BASELINE}" class="chart-baseline"/>
${groups}</svg>`;
}
