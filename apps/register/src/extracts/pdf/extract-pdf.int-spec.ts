import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import { decodeQrFromPng, pdfInfo, pdfText, pngSize, renderPdfPage } from '@rod/testing';
import type { ExtractPdfInput } from './extract-pdf';
import { extractPdf } from './extract-pdf';
import { QR_BYTE_CAPACITY } from './extract-qr-code';
import {
  A_BSN,
  AN_EDUCATION_NUMBER,
  aSignedCredential,
  anExtractPdfInput,
} from './testing/extract-pdf-fixtures';

// The page rendered by MuPDF (in a child process: tools/pdf/pdf-to-png.mjs) and read back as
// a verifier would: the QR code decoded by jsQR, the text as MuPDF extracts it. No broker.

/** tmp/test-artifacts (git-ignored): the rendered pages, to look at. */
const ARTIFACTS = join(__dirname, '../../../../../tmp/test-artifacts');
const DPI = 200;
const A4 = { width: 595.28, height: 841.89 };

interface Printed {
  credential: string;
  pdf: Buffer;
  png: Buffer;
  text: string;
}

async function print(name: string, input: ExtractPdfInput): Promise<Printed> {
  const pdf = await extractPdf(input);
  const png = await renderPdfPage(pdf, { dpi: DPI });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.pdf`), pdf);
  writeFileSync(join(ARTIFACTS, `${name}.png`), png);
  return { credential: input.credential, pdf, png, text: await pdfText(pdf) };
}

/** The lines under "The credential as text", joined: what someone copying it would get. */
function credentialAsPrinted(text: string): string {
  const [, after = ''] = text.split('The credential as text');
  const lines = after.trim().split('\n');
  const end = lines.findIndex((line) => !/^[A-Za-z0-9_.-]+$/.test(line.trim()));
  return lines
    .slice(0, end < 0 ? lines.length : end)
    .map((line) => line.trim())
    .join('');
}

describe('the printed extract of a typical credential', () => {
  let printed: Printed;

  beforeAll(async () => {
    const credential = await aSignedCredential();
    printed = await print('extract-pdf-typical', anExtractPdfInput({ credential }));
  });

  it('uses a real-sized credential: a signed VC-JWT of 1.5 KB or more', () => {
    expect(printed.credential.length).toBeGreaterThanOrEqual(1500);
    expect(printed.credential.split('.')).toHaveLength(3);
  });

  it('is exactly one A4 page', async () => {
    const info = await pdfInfo(printed.pdf);
    expect(info.pages).toBe(1);
    expect(info.width).toBeCloseTo(A4.width, 1);
    expect(info.height).toBeCloseTo(A4.height, 1);
    const { width, height } = pngSize(printed.png);
    expect(width).toBe(Math.round((A4.width * DPI) / 72));
    expect(height / width).toBeCloseTo(Math.SQRT2, 2);
  });

  it('carries the credential in its QR code, exactly', () => {
    expect(decodeQrFromPng(printed.png)).toBe(printed.credential);
  });

  it('prints the credential as text that gives it back when copied', () => {
    expect(credentialAsPrinted(printed.text)).toBe(printed.credential);
  });

  it('states the result, the extract and where to verify it', () => {
    const text = printed.text.replace(/\n(?=\/)/g, '');
    for (const expected of [
      'Digital extract of a higher-education result',
      'Register of higher-education results'.toUpperCase(),
      '21PA',
      '34479',
      'HBO, higher professional education',
      'Bachelor',
      '3 July 2026',
      'Full-time',
      '21PA-2026000123',
      '1 September 2026, 10:00 UTC',
      '0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11',
      'https://register.example.nl/v1/extracts/verify',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('shows the BSN with all but its last three digits masked, and nowhere whole', () => {
    expect(printed.text).toContain('Citizen service number (BSN)');
    expect(printed.text).toContain('******782');
    expect(printed.text).not.toContain(A_BSN);
    expect(printed.pdf.toString('latin1')).not.toContain(A_BSN);
  });
});

describe('the printed extract of a student with an education number', () => {
  it('shows the education number masked, and nowhere whole', async () => {
    const person = { educationNumber: AN_EDUCATION_NUMBER };
    const input = anExtractPdfInput({
      credential: await aSignedCredential({ person }),
      personNumber: AN_EDUCATION_NUMBER,
      personNumberKind: 'educationNumber',
    });
    const text = await pdfText(await extractPdf(input));
    expect(text).toContain('Education number (onderwijsnummer)');
    expect(text).toContain('******564');
    expect(text).not.toContain(AN_EDUCATION_NUMBER);
  });
});

describe.each([
  ['the largest realistic credential (2.5 KB, QR level L)', 'extract-pdf-largest', 2500],
  [
    'the longest credential a QR code holds (version 40, level L)',
    'extract-pdf-qr-limit',
    QR_BYTE_CAPACITY.L - 3,
  ],
])('the printed extract of %s', (_case, name, minLength) => {
  let printed: Printed;

  beforeAll(async () => {
    const credential = await aSignedCredential({ minLength });
    printed = await print(name, anExtractPdfInput({ credential }));
  });

  it('still fits one page', async () => {
    expect(printed.credential.length).toBeGreaterThanOrEqual(minLength);
    expect(printed.credential.length).toBeLessThanOrEqual(QR_BYTE_CAPACITY.L);
    expect((await pdfInfo(printed.pdf)).pages).toBe(1);
  });

  it('carries the credential in its QR code, exactly', () => {
    expect(decodeQrFromPng(printed.png)).toBe(printed.credential);
  });

  it('prints the credential as text that gives it back when copied', () => {
    expect(credentialAsPrinted(printed.text)).toBe(printed.credential);
  });
});

describe('the rendering tools the tests above stand on', () => {
  it('fail loudly on what is not a PDF, instead of rendering nothing', async () => {
    await expect(renderPdfPage(Buffer.from('not a pdf'), { dpi: 72 })).rejects.toThrow(
      /^pdf-to-png exited 1: /,
    );
  });

  it('find no QR code on a blank page', () => {
    const blank = new PNG({ width: 200, height: 280 });
    blank.data.fill(255);
    expect(decodeQrFromPng(PNG.sync.write(blank))).toBeNull();
  });
});
