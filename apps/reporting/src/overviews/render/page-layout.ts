import { markup, SafeHtml } from './html';
import { PAGE_STYLES } from './page-styles';

/**
 * The Content-Security-Policy the controller sends with the page: nothing may load or run,
 * only the page's own inline styles apply (the charts are inline SVG, there is no script).
 */
export const PAGE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A complete HTML5 document around `body`: English, phone-ready, self-contained. */
export function pageDocument(page: { title: string; body: SafeHtml }): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${page.title}</title>
<style>${SafeHtml.trusted(PAGE_STYLES)}</style>
</head>
<body>
${page.body}
</body>
</html>
`.toString();
}
