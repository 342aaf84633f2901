import { extractPdf } from './extract-pdf';
import { anExtractPdfInput } from './testing/extract-pdf-fixtures';

/** A string of the PDF's info dictionary, which pdfkit writes as `/Key n 0 R`. */
function infoEntry(pdf: string, key: string): string | undefined {
  const reference = new RegExp(`/${key} (\\d+) 0 R`).exec(pdf);
  if (!reference) return undefined;
  return new RegExp(`\\n${reference[1]} 0 obj\\n\\((.*)\\)\\nendobj`).exec(pdf)?.[1];
}

describe('extractPdf', () => {
  it('makes a PDF', async () => {
    const pdf = await extractPdf(anExtractPdfInput());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  describe('on different days', () => {
    afterEach(() => jest.useRealTimers());

    it('gives the same bytes for the same input', async () => {
      const onDay = async (now: string) => {
        jest.useFakeTimers({ now: new Date(now), doNotFake: ['nextTick', 'setImmediate'] });
        return extractPdf(anExtractPdfInput());
      };
      const first = await onDay('2026-09-01T10:00:00Z');
      const second = await onDay('2027-03-15T16:45:12Z');
      expect(second.equals(first)).toBe(true);
    });
  });

  it('dates the PDF at the moment the extract was issued', async () => {
    const pdf = (
      await extractPdf(anExtractPdfInput({ issuedAt: '2026-09-01T10:00:00.000Z' }))
    ).toString('latin1');
    expect(infoEntry(pdf, 'CreationDate')).toBe('D:20260901100000Z');
  });

  it('names the extract, and no personal number, in the metadata', async () => {
    const pdf = (await extractPdf(anExtractPdfInput())).toString('latin1');
    expect(infoEntry(pdf, 'Title')).toBe('Digital extract of a higher-education result');
    expect(infoEntry(pdf, 'Subject')).toBe(
      'Digital extract 0b0e7c3e-4f4e-4a55-9d8b-6b1d5c0b8e11 of result 21PA-2026000123',
    );
    expect(pdf).not.toContain('123456782');
  });

  it('refuses an issuing moment that is not an instant', async () => {
    await expect(extractPdf(anExtractPdfInput({ issuedAt: 'yesterday' }))).rejects.toThrow(
      'issuedAt is not an ISO 8601 instant',
    );
  });

  it('refuses a credential that no QR code holds', async () => {
    const credential = 'eyJhbGciOiJFZERTQSJ9.'.padEnd(2954, 'x');
    await expect(extractPdf(anExtractPdfInput({ credential }))).rejects.toThrow(
      'a credential of 2954 bytes does not fit a QR code (at most 2953)',
    );
  });
});
