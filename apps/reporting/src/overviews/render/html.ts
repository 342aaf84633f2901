import escapeHtml from 'escape-html';

/** Markup that is already safe to put in a page: built by `markup`, never from raw input. */
export class SafeHtml {
  private constructor(private readonly markup: string) {}

  /** Markup written in this code (a constant stylesheet): never anything from input. */
  static trusted(markup: string): SafeHtml {
    return new SafeHtml(markup);
  }

  toString(): string {
    return this.markup;
  }
}

/** What `markup` takes between its tags: text is escaped, `SafeHtml` is kept, lists are joined. */
export type HtmlValue =
  SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  // escape-html escapes & < > " and ', so the same escaping is safe in text and in
  // quoted attribute values (every attribute in our templates is double-quoted).
  return escapeHtml(String(value));
}

/**
 * Tagged template for HTML and inline SVG: everything interpolated is escaped unless it
 * is `SafeHtml` made by this same tag, so a value can never open a tag or leave an attribute.
 * Not named `html` on purpose: Prettier reformats `html` templates, and its line breaks
 * (`</text\n>`, added spaces between tags) would change the markup the tests look at.
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let result = strings[0];
  values.forEach((value, i) => {
    result += render(value) + strings[i + 1];
  });
  return SafeHtml.trusted(result);
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * An href safe to put in a link: relative references and http(s) pass; any other scheme
 * (`javascript:`, `data:`) and anything with spaces or control characters (which browsers
 * strip, so `java\tscript:` would still run) becomes `#`. Interpolate it through `markup`.
 */
export function safeHref(href: string): string {
  if ([...href].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f)) return '#';
  const scheme = SCHEME.exec(href)?.[1].toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https' ? href : '#';
}
