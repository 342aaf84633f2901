/**
 * The page's only styles, inlined (the Content-Security-Policy allows nothing else). A
 * system font stack, a fluid single column that becomes a grid where there is room,
 * and chart colours that keep 3:1 contrast against white.
 */
export const PAGE_STYLES = `
:root {
  color-scheme: light;
  --ink: #1c2631;
  --muted: #56616e;
  --line: #dde2e8;
  --page: #f4f6f8;
  --card: #ffffff;
  --accent: #1d5c96;
  --national: #8d98a5;
  --track: #edf0f3;
  --preview: #fff4d4;
  --preview-line: #d9a21b;
  --focus: #f0b429;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--page);
  color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h1 { font-size: clamp(1.5rem, 5vw, 2.1rem); line-height: 1.2; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 2.25rem 0 0.75rem; }
h3 { font-size: 1rem; margin: 0 0 0.75rem; }
.eyebrow { margin: 0; color: var(--muted); font-size: 0.875rem; letter-spacing: 0.02em; }
.period { margin: 0; font-size: 1.075rem; }
.generated { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.875rem; }
.banner {
  margin: 1rem 0 0;
  padding: 0.75rem 1rem;
  background: var(--preview);
  border: 1px solid var(--preview-line);
  border-left-width: 6px;
  border-radius: 0.5rem;
}
.links { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 1rem 0 0; padding: 0; list-style: none; }
.figures {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
  gap: 0.75rem;
  margin: 0;
}
/* Five a row on a wide screen: the rates first, then the consequences. */
@media (min-width: 64rem) { .figures { grid-template-columns: repeat(5, 1fr); } }
.figure, .card { background: var(--card); border: 1px solid var(--line); border-radius: 0.5rem; }
.figure { padding: 0.75rem 1rem; display: flex; flex-direction: column; }
.figure dt { order: 0; color: var(--muted); font-size: 0.875rem; }
.figure dd { margin: 0; }
.figure .value {
  font-size: 1.75rem;
  font-weight: 650;
  line-height: 1.25;
  font-variant-numeric: tabular-nums;
}
.figure .unit { font-size: 1rem; font-weight: 500; color: var(--muted); }
.figure .note { color: var(--muted); font-size: 0.8125rem; }
.partners { margin: 0.25rem 0 0; padding: 0; list-style: none; font-size: 0.875rem; }
.partners b { font-variant-numeric: tabular-nums; }
.charts {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr));
  gap: 1rem;
  align-items: start;
}
.stack { display: grid; gap: 1rem; min-width: 0; }
.card { position: relative; margin: 0; padding: 1rem; min-width: 0; }
@media (max-width: 30rem) { .card { padding: 0.875rem 0.75rem; } }
.card figcaption { font-weight: 600; margin: 0 0 0.75rem; }
/* The SVG text scales with the chart: capped, so it stays about the size of the page's text. */
.chart { display: block; width: 100%; height: auto; max-width: 26rem; overflow: visible; }
.chart-label { font-size: 13px; fill: var(--ink); }
.chart-value { font-size: 13px; font-weight: 650; fill: var(--ink); }
.chart-axis { font-size: 12px; fill: var(--muted); }
.chart-axis-current { font-weight: 700; fill: var(--ink); }
.chart-track { fill: var(--track); }
.chart-bar { fill: var(--accent); }
.chart-bar-national { fill: var(--national); }
.chart-grid { stroke: var(--line); stroke-width: 1; }
.chart-baseline { stroke: var(--muted); stroke-width: 1; }
.table-scroll {
  overflow-x: auto;
  background: var(--card);
  border: 1px solid var(--line);
  border-radius: 0.5rem;
}
.card .table-scroll { border: 0; margin-top: 0.75rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9375rem; }
caption { text-align: left; padding: 0.75rem; color: var(--muted); font-size: 0.875rem; }
th, td { padding: 0.5rem 0.75rem; text-align: left; border-top: 1px solid var(--line); white-space: nowrap; }
thead th { border-top: 0; font-size: 0.8125rem; color: var(--muted); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
/* The result id stays in view while the rest of a row scrolls sideways. */
.table-scroll tbody th, .table-scroll thead th:first-child { position: sticky; left: 0; background: var(--card); }
.small { font-size: 0.8125rem; }
.small th, .small td { padding: 0.3rem 0.5rem; }
.small thead th { white-space: normal; vertical-align: bottom; }
.small caption { padding: 0 0 0.25rem; }
.empty { margin: 0; padding: 1rem; background: var(--card); border: 1px dashed var(--line); border-radius: 0.5rem; color: var(--muted); }
code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.9em; }
footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.875rem; }
.visually-hidden {
  position: absolute !important;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
@media print {
  body { background: #fff; }
  .links, footer nav { display: none; }
  .table-scroll { overflow: visible; }
}
`;
