/** Pure measurements for the printed extract: how long text is cut into lines. */

/** Courier's advance: every glyph is 600/1000 of the font size wide. */
export const COURIER_ADVANCE_EM = 0.6;

/** Line height of the credential text, as a multiple of its font size. */
export const CREDENTIAL_LEADING = 1.2;

/** The credential's font sizes, largest first: the first whose lines fit is used. */
export const CREDENTIAL_FONT_SIZES = [7, 6.5, 6, 5.5, 5] as const;

/** How many Courier characters of `fontSize` fit in `width` points. */
export const courierCharactersPerLine = (width: number, fontSize: number): number =>
  Math.max(1, Math.floor(width / (COURIER_ADVANCE_EM * fontSize)));

/**
 * Text without spaces (a compact JWT) cut into lines of `perLine` characters, so that the
 * lines joined again give back exactly the text: no hyphens, nothing dropped.
 */
export function fixedWidthLines(text: string, perLine: number): string[] {
  if (!Number.isInteger(perLine) || perLine < 1) {
    throw new RangeError(`perLine must be a positive integer, not ${perLine}`);
  }
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += perLine) {
    lines.push(text.slice(start, start + perLine));
  }
  return lines;
}

/**
 * A URL cut into lines of at most `perLine` characters, each break before a `/` of the path
 * where there is one (`https://host` / `/v1/extracts/verify`), else after `perLine`.
 */
export function urlLines(url: string, perLine: number): string[] {
  const lines: string[] = [];
  const firstPathSlash = url.indexOf('/', url.indexOf('//') + 2);
  let rest = url;
  let offset = 0;
  while (rest.length > perLine) {
    const slash = rest.lastIndexOf('/', perLine);
    const breakable = slash > 0 && offset + slash >= firstPathSlash && firstPathSlash > 0;
    const cut = breakable ? slash : perLine;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
    offset += cut;
  }
  lines.push(rest);
  return lines;
}

/** The credential text's size on the page: its font size and its lines. */
export interface CredentialTextLayout {
  fontSize: number;
  lineHeight: number;
  lines: string[];
}

/**
 * The largest of CREDENTIAL_FONT_SIZES at which the credential, in Courier lines of `width`
 * points, fits in `height` points: a typical extract prints at 7 pt, the longest a QR code
 * holds still fits at a smaller size.
 */
export function credentialTextLayout(
  credential: string,
  width: number,
  height: number,
): CredentialTextLayout {
  for (const fontSize of CREDENTIAL_FONT_SIZES) {
    const lineHeight = fontSize * CREDENTIAL_LEADING;
    const lines = fixedWidthLines(credential, courierCharactersPerLine(width, fontSize));
    if (lines.length * lineHeight <= height) return { fontSize, lineHeight, lines };
  }
  throw new RangeError(`a credential of ${credential.length} characters does not fit the page`);
}
