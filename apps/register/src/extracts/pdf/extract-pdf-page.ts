import type { ExtractPdfInput } from './extract-pdf';
import {
  dateInWords,
  examTypeInWords,
  instantInWords,
  levelInWords,
  personNumberLabel,
  studyModeInWords,
} from './extract-pdf-wording';
import { courierCharactersPerLine, credentialTextLayout, urlLines } from './extract-pdf-layout';
import { credentialQrCode } from './extract-qr-code';
import { maskPersonNumber } from './mask-person-number';

/** The register's name, as the page and the PDF's metadata give it. */
export const REGISTER_NAME = 'Register of higher-education results';

/** A4 in points, and the page's geometry. */
const PAGE = { width: 595.28, height: 841.89, margin: 56.69 /* 20 mm */, top: 48 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/**
 * The QR symbol's side (its quiet zone lies outside, in the page margin and the gaps):
 * 88 mm, so that even a version-40 module is 0.5 mm, 6 dots of a 300-dpi printer.
 */
const QR_SIDE = 250;
const QR_GAP = 18;
const LABEL_WIDTH = 168;
const ROW_HEIGHT = 17;
const URL_FONT_SIZE = 8;
const STEP_INDENT = 14;
/** Where the footer's rule lies: the credential text ends above it. */
const FOOTER_TOP = PAGE.height - 44;

const COLOUR = {
  text: '#1f2328',
  muted: '#59636e',
  accent: '#154273',
  rule: '#c9ced4',
  faint: '#e5e8eb',
  qr: '#000000',
};

/** Draws the one page of the extract on a fresh A4 document. */
export function drawExtractPage(doc: PDFKit.PDFDocument, input: ExtractPdfInput): void {
  let y = drawHeader(doc, PAGE.top);
  y = drawResult(doc, input, y + 18);
  y = drawVerification(doc, input, y + 18);
  drawCredentialText(doc, input.credential, y + 18);
  drawFooter(doc, input);
}

function drawHeader(doc: PDFKit.PDFDocument, top: number): number {
  const x = PAGE.margin;
  doc.font('Helvetica-Bold').fontSize(8).fillColor(COLOUR.accent);
  doc.text(REGISTER_NAME.toUpperCase(), x, top, { characterSpacing: 0.8, lineBreak: false });
  doc.font('Helvetica-Bold').fontSize(19).fillColor(COLOUR.text);
  doc.text('Digital extract of a higher-education result', x, top + 15, { lineBreak: false });
  const intro =
    'The register states that the institution below registered this result. The page ' +
    'carries the register\u2019s signed credential; verify it as described below before you ' +
    'rely on the result.';
  doc.font('Helvetica').fontSize(9.5).fillColor(COLOUR.muted);
  doc.text(intro, x, top + 44, { width: CONTENT_WIDTH, lineGap: 2 });
  const bottom = top + 44 + doc.heightOfString(intro, { width: CONTENT_WIDTH, lineGap: 2 }) + 10;
  rule(doc, bottom, COLOUR.rule);
  return bottom;
}

function drawResult(doc: PDFKit.PDFDocument, input: ExtractPdfInput, top: number): number {
  const rows: [string, string][] = [
    ['Institution (BRIN code)', input.institutionCode],
    ['Programme (CROHO code)', input.programme.crohoCode],
    ['Level', levelInWords(input.programme.level)],
    ['Exam type', examTypeInWords(input.programme.examType)],
    ['Exam date', dateInWords(input.examDate)],
    ['Study mode', studyModeInWords(input.studyMode)],
    [personNumberLabel(input.personNumberKind), maskPersonNumber(input.personNumber)],
    ['Result', input.resultId],
    ['Extract issued', instantInWords(input.issuedAt)],
    ['Extract id', input.extractId],
  ];
  let y = heading(doc, 'The result', top);
  for (const [label, value] of rows) {
    doc.font('Helvetica').fontSize(9).fillColor(COLOUR.muted);
    doc.text(label, PAGE.margin, y + 1, { lineBreak: false });
    doc.font('Helvetica').fontSize(10.5).fillColor(COLOUR.text);
    doc.text(value, PAGE.margin + LABEL_WIDTH, y, { lineBreak: false });
    y += ROW_HEIGHT;
    rule(doc, y - 5, COLOUR.faint);
  }
  return y;
}

function drawVerification(doc: PDFKit.PDFDocument, input: ExtractPdfInput, top: number): number {
  const qrTop = heading(doc, 'How to verify', top);
  drawQrCode(doc, input.credential, PAGE.margin, qrTop);
  const x = PAGE.margin + QR_SIDE + QR_GAP;
  const width = PAGE.width - PAGE.margin - x;
  let y = numberedStep(
    doc,
    1,
    'Scan the QR code, or copy the credential printed below. It is the register\u2019s ' +
      'signed statement of this result (a W3C verifiable credential).',
    x,
    qrTop,
    width,
  );
  y = numberedStep(
    doc,
    2,
    'Send it to the register\u2019s verification service in a POST request, with ' +
      'the body { "credential": "\u2026" }, at this address:',
    x,
    y,
    width,
  );
  doc.font('Courier-Bold').fontSize(URL_FONT_SIZE).fillColor(COLOUR.accent);
  const perLine = courierCharactersPerLine(width - STEP_INDENT, URL_FONT_SIZE);
  for (const line of urlLines(input.verifyUrl, perLine)) {
    doc.text(line, x + STEP_INDENT, y - 2, { lineBreak: false });
    y += URL_FONT_SIZE * 1.3;
  }
  y = numberedStep(
    doc,
    3,
    'The answer is valid, revoked, suspended or invalid. Only \u201cvalid\u201d means the ' +
      'register stands by this result today; compare the result it returns with this page.',
    x,
    y + 6,
    width,
  );
  doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(COLOUR.muted);
  doc.text(
    'A verifier can also check the signature with the register\u2019s published keys and ' +
      'the status lists the credential names. The paper alone proves nothing: the ' +
      'credential\u2019s signature and status do.',
    x,
    y + 4,
    { width, lineGap: 1.5 },
  );
  return Math.max(qrTop + QR_SIDE, doc.y);
}

/** The symbol fills QR_SIDE; its quiet zone (4 modules) is the white around it. */
function drawQrCode(doc: PDFKit.PDFDocument, credential: string, left: number, top: number): void {
  const symbol = credentialQrCode(credential);
  const module = QR_SIDE / symbol.size;
  for (const run of symbol.darkRuns) {
    doc.rect(left + run.column * module, top + run.row * module, run.length * module, module);
  }
  doc.fill(COLOUR.qr);
}

function drawCredentialText(doc: PDFKit.PDFDocument, credential: string, top: number): void {
  let y = heading(doc, 'The credential as text', top);
  const layout = credentialTextLayout(credential, CONTENT_WIDTH, FOOTER_TOP - 10 - y);
  doc.font('Courier').fontSize(layout.fontSize).fillColor(COLOUR.text);
  for (const line of layout.lines) {
    doc.text(line, PAGE.margin, y, { lineBreak: false });
    y += layout.lineHeight;
  }
}

function drawFooter(doc: PDFKit.PDFDocument, input: ExtractPdfInput): void {
  const y = FOOTER_TOP + 8;
  rule(doc, FOOTER_TOP, COLOUR.rule);
  doc.font('Helvetica').fontSize(7.5).fillColor(COLOUR.muted);
  doc.text(`${REGISTER_NAME} \u00b7 digital extract ${input.extractId}`, PAGE.margin, y, {
    lineBreak: false,
  });
  doc.text('Page 1 of 1', PAGE.margin, y, { width: CONTENT_WIDTH, align: 'right' });
}

function heading(doc: PDFKit.PDFDocument, title: string, top: number): number {
  doc.font('Helvetica-Bold').fontSize(10.5).fillColor(COLOUR.accent);
  doc.text(title, PAGE.margin, top, { lineBreak: false });
  return top + 20;
}

function numberedStep(
  doc: PDFKit.PDFDocument,
  step: number,
  text: string,
  x: number,
  top: number,
  width: number,
): number {
  doc.font('Helvetica-Bold').fontSize(9).fillColor(COLOUR.accent);
  doc.text(`${step}`, x, top, { lineBreak: false });
  doc.font('Helvetica').fontSize(9).fillColor(COLOUR.text);
  doc.text(text, x + STEP_INDENT, top, { width: width - STEP_INDENT, lineGap: 1.5 });
  return doc.y + 6;
}

function rule(doc: PDFKit.PDFDocument, y: number, colour: string): void {
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.width - PAGE.margin, y)
    .lineWidth(0.6)
    .strokeColor(colour)
    .stroke();
}
