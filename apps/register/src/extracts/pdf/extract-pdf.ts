import PDFDocument from 'pdfkit';
import { drawExtractPage, REGISTER_NAME } from './extract-pdf-page';

/** What the printed extract shows: the issued credential and the result it states. */
export interface ExtractPdfInput {
  /** The compact VC-JWT, exactly as issued: the QR code and the text at the bottom carry it. */
  credential: string;
  /** Where to verify: the register's `POST /v1/extracts/verify` address, shown as text. */
  verifyUrl: string;
  extractId: string;
  /** ISO 8601 instant; also the PDF's creation date, so the same extract prints the same bytes. */
  issuedAt: string;
  resultId: string;
  institutionCode: string;
  programme: { crohoCode: string; level: 'HBO' | 'WO'; examType: string };
  examDate: string;
  studyMode: string;
  /** BSN or education number: only its last three digits are printed (the credential holds it whole). */
  personNumber: string;
  personNumberKind: 'bsn' | 'educationNumber';
}

/**
 * The digital extract as a printable one-page A4 PDF (pdfkit, built-in Helvetica and
 * Courier): the result, the student's number masked, a QR code carrying the credential,
 * the verification address and the credential as text. Deterministic: the same input gives
 * the same bytes (the creation date and the file id are taken from `issuedAt`).
 */
export function extractPdf(input: ExtractPdfInput): Promise<Buffer> {
  const issuedAt = new Date(input.issuedAt);
  if (Number.isNaN(issuedAt.getTime())) {
    return Promise.reject(new RangeError('issuedAt is not an ISO 8601 instant'));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      lang: 'en',
      displayTitle: true,
      info: {
        Title: 'Digital extract of a higher-education result',
        Subject: `Digital extract ${input.extractId} of result ${input.resultId}`,
        Author: REGISTER_NAME,
        Creator: REGISTER_NAME,
        CreationDate: issuedAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      drawExtractPage(doc, input);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
