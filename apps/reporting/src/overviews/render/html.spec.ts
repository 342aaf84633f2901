import { markup, safeHref, SafeHtml } from './html';

describe('markup tagged template', () => {
  it.each([
    ['a tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an ampersand', 'R&D', 'R&amp;D'],
    ['a double quote', '" onclick="x', '&quot; onclick=&quot;x'],
    ['a single quote', "' onclick='x", '&#39; onclick=&#39;x'],
    ['a number', 12, '12'],
  ])('escapes %s in text and in attribute values', (_, value, escaped) => {
    expect(markup`<p title="${value}">${value}</p>`.toString()).toBe(
      `<p title="${escaped}">${escaped}</p>`,
    );
  });

  it('keeps markup made by markup itself, and joins lists of it', () => {
    const items = ['a', '<b>'].map((item) => markup`<li>${item}</li>`);
    expect(markup`<ul>${items}</ul>`.toString()).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });

  it.each([null, undefined, false] as const)('renders %p as nothing', (value) => {
    expect(markup`<p>${value}</p>`.toString()).toBe('<p></p>');
  });

  it('takes trusted markup only when asked for by name', () => {
    expect(markup`${SafeHtml.trusted('<b>x</b>')}`.toString()).toBe('<b>x</b>');
  });
});

describe('safe hrefs', () => {
  it.each([
    ['/overviews/2026-11/institutions/21PA', '/overviews/2026-11/institutions/21PA'],
    ['?format=csv', '?format=csv'],
    ['#other-periods', '#other-periods'],
    ['../2026-05/institutions/21PA', '../2026-05/institutions/21PA'],
    ['https://register.example/overviews', 'https://register.example/overviews'],
    ['javascript:alert(1)', '#'],
    ['JavaScript:alert(1)', '#'],
    ['java\tscript:alert(1)', '#'],
    [' javascript:alert(1)', '#'],
    ['data:text/html,<script>alert(1)</script>', '#'],
    ['vbscript:msgbox', '#'],
  ])('%p → %p', (href, safe) => {
    expect(safeHref(href)).toBe(safe);
  });
});
