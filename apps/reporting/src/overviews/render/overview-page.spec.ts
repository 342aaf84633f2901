import { DeletionReasons } from '@rod/contracts';
import type { InstitutionOverview } from '../domain/overview';
import { reasonLabel } from './labels';
import type { OverviewPageLinks } from './overview-page';
import { overviewPage, PAGE_CONTENT_SECURITY_POLICY } from './overview-page';
import { emptyOverviewFixture, institutionOverviewFixture } from './testing/overview.fixture';
import { chartOf, figureOf, figureValue, markupOf, textOf } from './testing/page-queries';

const links: OverviewPageLinks = {
  csv: '/v1/overviews/2026-11/institutions/21PA?format=csv',
  json: '/v1/overviews/2026-11/institutions/21PA',
  periods: [
    { period: '2026-05', href: '/overviews/2026-05/institutions/21PA' },
    { period: '2025-11', href: '/overviews/2025-11/institutions/21PA' },
  ],
};

// Everything the page may consist of: text, tables, links and inline SVG shapes.
const PAGE_TAGS = [
  ...['html', 'head', 'meta', 'title', 'style', 'body', 'main', 'header', 'footer', 'nav'],
  ...['section', 'h1', 'h2', 'h3', 'p', 'strong', 'b', 'code', 'span', 'time', 'a', 'ul', 'li'],
  ...['dl', 'dt', 'dd', 'div', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody'],
  ...['tr', 'th', 'td', 'svg', 'desc', 'g', 'text', 'rect', 'line'],
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const render = (overview: InstitutionOverview = institutionOverviewFixture()): string =>
  overviewPage(overview, links);

describe('overview page', () => {
  it('is a complete HTML5 document in English, sized for phones', () => {
    const page = render();

    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.trimEnd()).toMatch(/<\/html>$/);
  });

  it('names the institution and the period, the last day being the one before `to`', () => {
    const page = render();

    expect(page).toContain('<title>Deleted results of 21PA, 1 May 2026 – 31 October 2026</title>');
    expect(textOf(/<h1>.*<\/h1>/.exec(page)![0])).toBe('Deleted results of 21PA');
    expect(textOf(/<p class="period">.*<\/p>/.exec(page)![0])).toBe(
      'November 2026 overview: 1 May 2026 – 31 October 2026',
    );
  });

  it('says when it was generated, in Amsterdam time', () => {
    expect(textOf(/<p class="generated">.*<\/p>/.exec(render())![0])).toBe(
      'Generated 1 November 2026 at 06:00 (Amsterdam time)',
    );
  });

  it.each([
    ['registered', '1,284'],
    ['deleted', '9'],
    ['deletion-rate', '0.7%'],
    ['change-vs-previous', '-0.3 points'],
    ['national-deletion-rate', '0.6%'],
    ['deleted-with-extract', '3'],
    ['fraud-reports', '2'],
    ['late-registrations', '17'],
    ['irreversible-deliveries', '2'],
  ])('shows the headline figure %s as %p', (name, value) => {
    expect(figureValue(render(), name)).toBe(value);
  });

  it('rounds the deletion rate to a percentage with one decimal', () => {
    const page = render(institutionOverviewFixture({ deletionRate: 0.0256 }));
    expect(figureValue(page, 'deletion-rate')).toBe('2.6%');
  });

  it('compares with the previous period by name, rate and count', () => {
    expect(textOf(figureOf(render(), 'change-vs-previous'))).toContain(
      'from 1.0% in May 2026 (12 deleted)',
    );
  });

  it('lists the irreversible deliveries per partner', () => {
    const card = figureOf(render(), 'irreversible-deliveries');

    expect(textOf(/<li data-partner="cibg-big">.*?<\/li>/.exec(card)![0])).toBe('cibg-big: 2');
    expect(textOf(/<li data-partner="mijnoverheid">.*?<\/li>/.exec(card)![0])).toBe(
      'mijnoverheid: 0',
    );
  });

  it('draws every reason in the bar chart, each with its count', () => {
    const overview = institutionOverviewFixture();
    const chart = chartOf(render(overview), 'by-reason');

    for (const reason of DeletionReasons) {
      const bar = new RegExp(
        `class="chart-label">${escapeRegExp(reasonLabel(reason))}</text>[\\s\\S]*?class="chart-value">(\\d+)</text>`,
      ).exec(chart);
      expect([reason, bar?.[1]]).toEqual([reason, String(overview.byReason[reason])]);
    }
  });

  it('makes the longest bar the largest count and a zero a bar of no length', () => {
    const chart = chartOf(render(), 'by-reason');
    const widths = [
      ...chart.matchAll(/width="([\d.]+)" height="16" rx="2" class="chart-bar"/g),
    ].map((m) => Number(m[1]));

    expect(widths).toEqual([296, 74, 74, 0, 148, 74, 0]);
  });

  it('draws the deletion rate of every history period beside the national rate', () => {
    const overview = institutionOverviewFixture();
    const chart = chartOf(render(overview), 'rate-history');

    for (const point of overview.rateHistory) {
      expect(chart).toContain(`<title>${point.period}, 21PA: `);
      expect(chart).toContain(`<title>${point.period}, national: `);
    }
    expect(chart).toContain('<title>2024-05, 21PA: 1.4%</title>');
    expect(chart).toContain('<title>2024-05, national: 0.9%</title>');
    expect(chart).toMatch(/class="chart-axis">1.5%<\/text>/);
    expect(chart).toContain('All institutions');
  });

  it.each(['by-reason', 'rate-history'])(
    'gives the %s chart a text alternative: role img, a title and a description',
    (name) => {
      const chart = chartOf(render(), name);

      expect(chart).toContain('role="img"');
      expect(chart).toContain(`aria-labelledby="${name}-title ${name}-desc"`);
      expect(chart).toMatch(new RegExp(`<title id="${name}-title">[^<]+</title>`));
      expect(chart).toMatch(new RegExp(`<desc id="${name}-desc">[^<]+</desc>`));
      expect(chart).toContain('viewBox="0 0 ');
      expect(chart).toContain('width="100%"');
    },
  );

  it('puts the numbers of the charts in tables as well', () => {
    const page = render();

    expect(page).toContain(
      '<tr><th scope="row">Administrative error</th><td class="num">4</td></tr>',
    );
    expect(page).toContain(
      '<tr><th scope="row">May 2024</th><td class="num">1.4%</td><td class="num">0.9%</td><td class="num">15 / 1,102</td></tr>',
    );
  });

  it('lists the deleted results in their order, in a sideways-scrolling box', () => {
    const overview = institutionOverviewFixture();
    const page = render(overview);
    const table =
      /<div class="table-scroll"[^>]*>\s*<table data-table="deleted-results">[\s\S]*?<\/table>/.exec(
        page,
      )![0];
    const ids = [...table.matchAll(/<th scope="row"><code>([^<]+)<\/code><\/th>/g)].map(
      (m) => m[1],
    );

    expect(ids).toEqual(overview.deletedResults.map((line) => line.resultId));
    expect(textOf(table)).toContain(
      '21PA-2026000140 Bachelor 56226 2 Mar 2026 20 Jun 2026 Administrative error 1 cibg-big',
    );
  });

  it('links to the CSV, the JSON and the other periods', () => {
    const page = render();

    expect(page).toContain(
      `<a href="${links.csv.replace('&', '&amp;')}" data-link="csv" download>`,
    );
    expect(page).toContain(`<a href="${links.json}" data-link="json">`);
    expect(page).toContain(
      '<a href="/overviews/2026-05/institutions/21PA" data-link="period" data-period="2026-05">May 2026</a>',
    );
    expect(page).toContain(
      '<a href="/overviews/2025-11/institutions/21PA" data-link="period" data-period="2025-11">November 2025</a>',
    );
  });

  it.each([
    [true, 1],
    [false, 0],
  ])('shows the preview banner when preview is %p', (preview, banners) => {
    const page = render(institutionOverviewFixture({ preview }));

    expect(page.split('data-banner="preview"')).toHaveLength(banners + 1);
    expect(
      page.includes('Preview:</strong> the period has not ended; figures can still change.'),
    ).toBe(preview);
  });

  it('renders an overview without deletions, with an empty state instead of the table', () => {
    const page = render(emptyOverviewFixture());

    expect(page).toContain(
      '<p class="empty" data-empty="deleted-results">No results were deleted in this period.</p>',
    );
    expect(page).not.toContain('data-table="deleted-results"');
    expect(figureValue(page, 'deletion-rate')).toBe('0.0%');
    expect(textOf(figureOf(page, 'irreversible-deliveries'))).toContain('no partner holds');
    for (const reason of DeletionReasons) {
      expect(chartOf(page, 'by-reason')).toContain(`>${reasonLabel(reason)}</text>`);
    }
    expect(page).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('renders without other periods to link to', () => {
    expect(overviewPage(institutionOverviewFixture(), { ...links, periods: [] })).toContain(
      'No other periods have been built yet.',
    );
  });

  describe('with hostile values in a hand-made overview', () => {
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const overview = institutionOverviewFixture({
      institutionCode: hostile,
      period: hostile,
      irreversibleDeliveries: { [hostile]: 1 },
      rateHistory: [
        { period: hostile, registered: 1, deleted: 0, deletionRate: 0, nationalDeletionRate: 0 },
      ],
    });
    overview.deletedResults[0] = {
      ...overview.deletedResults[0],
      resultId: hostile,
      crohoCode: hostile,
      registeredAt: hostile,
      irreversiblePartners: [hostile],
    };
    const page = overviewPage(overview, {
      csv: 'javascript:alert(3)',
      json: hostile,
      periods: [{ period: hostile, href: 'java\tscript:alert(4)' }],
    });

    it('escapes them everywhere: no tag, no attribute of theirs gets through', () => {
      expect(page).not.toContain('<script');
      expect(page).not.toContain('<img');
      const { tags, attributes, strayAngleBrackets } = markupOf(page);
      expect(strayAngleBrackets).toBe(0);
      expect([...tags]).not.toEqual(expect.arrayContaining(['script']));
      expect([...tags]).not.toEqual(expect.arrayContaining(['img']));
      expect([...attributes].filter((name) => name.startsWith('on') || name === 'src')).toEqual([]);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).toContain('&quot;&gt;&lt;script&gt;');
    });

    it('turns links with a script scheme into harmless ones', () => {
      expect(page).not.toMatch(/java\s*script:/i);
      expect(page).toContain('<a href="#" data-link="csv" download>');
    });
  });

  it.each([
    ['a full overview', institutionOverviewFixture({ preview: true })],
    ['an empty overview', emptyOverviewFixture()],
  ])(
    'loads nothing from elsewhere for %s: no URL, no src, no script, no stylesheet link',
    (_, overview) => {
      const page = render(overview);

      expect(page).not.toMatch(/https?:\/\//);
      expect(page).not.toMatch(/\ssrc=/i);
      expect(page).not.toMatch(/<script|<link|<iframe|<img|<object|<embed/i);
      expect(page).not.toMatch(/url\(|@import/i);
      expect(page).not.toMatch(/\son[a-z]+=/i);
      const { tags, strayAngleBrackets } = markupOf(page);
      expect(strayAngleBrackets).toBe(0);
      expect([...tags].filter((tag) => !PAGE_TAGS.includes(tag))).toEqual([]);
    },
  );

  it('comes with a Content-Security-Policy that allows inline styles and nothing else', () => {
    expect(PAGE_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});
