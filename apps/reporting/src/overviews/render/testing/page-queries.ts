/**
 * Small regex lookups in the rendered page for unit tests (no DOM in jest's node
 * environment). They lean on the page's stable hooks: `data-figure`, `data-chart`.
 */

/** The text inside markup, tags dropped and whitespace collapsed. */
export function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function section(page: string, start: RegExp, end: string): string {
  const match = start.exec(page);
  if (!match) throw new Error(`nothing matches ${String(start)} in the page`);
  const to = page.indexOf(end, match.index);
  return page.slice(match.index, to + end.length);
}

/** The markup of one headline figure card. */
export const figureOf = (page: string, name: string): string =>
  section(page, new RegExp(`<div class="figure" data-figure="${name}">`), '</div>');

/** The text of one headline figure's value. */
export function figureValue(page: string, name: string): string {
  const value = /<dd class="value">([\s\S]*?)<\/dd>/.exec(figureOf(page, name));
  if (!value) throw new Error(`figure ${name} has no value`);
  return textOf(value[1]);
}

/** The `<svg>` of one chart. */
export const chartOf = (page: string, name: string): string =>
  section(page, new RegExp(`<svg data-chart="${name}"`), '</svg>');

/** The tags and attribute names in a page, and how many `<` are not part of any tag. */
export interface PageMarkup {
  tags: Set<string>;
  attributes: Set<string>;
  strayAngleBrackets: number;
}

/**
 * Reads the page's tags the way a browser would for our markup: every attribute value is
 * double-quoted and escape-html escapes `"`, so a value cannot end early. Text that merely
 * looks like a tag (escaped) never becomes one here, nor in a browser.
 */
export function markupOf(page: string): PageMarkup {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const tag =
    /<!doctype html>|<\/([a-z][a-z0-9]*)\s*>|<([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"]*")?)*)\s*\/?>/gi;
  let parsed = 0;
  for (const match of page.matchAll(tag)) {
    parsed += 1;
    if (match[2]) tags.add(match[2].toLowerCase());
    for (const attribute of (match[3] ?? '').matchAll(/([a-z][a-z0-9-]*)(?:="[^"]*")?/gi)) {
      attributes.add(attribute[1].toLowerCase());
    }
  }
  const angleBrackets = page.split('<').length - 1;
  return { tags, attributes, strayAngleBrackets: angleBrackets - parsed };
}
