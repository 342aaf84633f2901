import type { SafeHtml } from './html';
import { markup } from './html';

/** One bar: what it counts and how many. */
export interface BarChartItem {
  label: string;
  value: number;
}

/** A horizontal bar chart as inline SVG, with every bar's count written at its end. */
export interface BarChart {
  /** Stable name in `data-chart`, also the prefix of the ids of its title and description. */
  name: string;
  title: string;
  description: string;
  items: readonly BarChartItem[];
  formatValue: (value: number) => string;
}

// User units of the viewBox. Narrow on purpose: the SVG scales to the width it gets, and a
// phone (a card about 330px wide) shows 340 units nearly 1:1, so 13-unit text stays ~13px.
const WIDTH = 340;
const VALUE_ROOM = 44;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 16;
const ROW_GAP = 12;
const ROW = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP;

/**
 * Labels sit above their bars rather than beside them, so long labels never squeeze the
 * bars on a narrow screen. A zero shows as a zero on an empty track, never as a gap.
 */
export function barChartSvg(chart: BarChart): SafeHtml {
  const max = Math.max(0, ...chart.items.map((item) => item.value));
  const track = WIDTH - VALUE_ROOM;
  const height = chart.items.length * ROW - ROW_GAP + 2;
  const rows = chart.items.map((item, i) => {
    const top = i * ROW;
    const barTop = top + LABEL_HEIGHT;
    const length = max > 0 ? Math.max(0, (item.value / max) * track) : 0;
    return markup`<g>
<text x="0" y="${top + 13}" class="chart-label">${item.label}</text>
<rect x="0" y="${barTop}" width="${track}" height="${BAR_HEIGHT}" rx="2" class="chart-track"/>
<rect x="0" y="${barTop}" width="${round(length)}" height="${BAR_HEIGHT}" rx="2" class="chart-bar"/>
<text x="${round(length + 6)}" y="${barTop + 12.5}" class="chart-value">${chart.formatValue(item.value)}</text>
</g>
`;
  });
  return markup`<svg data-chart="${chart.name}" class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${chart.name}-title ${chart.name}-desc" preserveAspectRatio="xMinYMin meet">
<title id="${chart.name}-title">${chart.title}</title>
<desc id="${chart.name}-desc">${chart.description}</desc>
${rows}</svg>`;
}

/** Two decimals are plenty for SVG coordinates and keep the markup short. */
export const round = (value: number): number => Math.round(value * 100) / 100;
