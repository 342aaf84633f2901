import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** tools/pdf/pdf-to-png.mjs: MuPDF is an ES module, so it renders in a child process. */
export const PDF_TO_PNG_SCRIPT = resolve(__dirname, '../../../tools/pdf/pdf-to-png.mjs');

/** Page 1 of a PDF rendered by MuPDF as a PNG at `dpi` dots per inch. */
export function renderPdfPage(pdf: Buffer, { dpi }: { dpi: number }): Promise<Buffer> {
  return runPdfTool(pdf, ['--dpi', String(dpi)]);
}

/** The text of every page as MuPDF extracts it (pages separated by a form feed). */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await runPdfTool(pdf, ['--text'])).toString('utf8');
}

/** How many pages the PDF has, and the size of page 1 in points. */
export async function pdfInfo(
  pdf: Buffer,
): Promise<{ pages: number; width: number; height: number }> {
  return JSON.parse((await runPdfTool(pdf, ['--info'])).toString('utf8')) as {
    pages: number;
    width: number;
    height: number;
  };
}

/** A PNG's size in pixels. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const { width, height } = PNG.sync.read(png);
  return { width, height };
}

/**
 * The text of the QR code in a PNG (jsQR), its bytes read as UTF-8, or null when no code is
 * found. The whole image is searched, so a rendered page can be passed as it is.
 */
export function decodeQrFromPng(png: Buffer): string | null {
  const { width, height, data } = PNG.sync.read(png);
  const code = jsQR(
    new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    width,
    height,
    {
      inversionAttempts: 'dontInvert',
    },
  );
  return code ? Buffer.from(code.binaryData).toString('utf8') : null;
}

function runPdfTool(pdf: Buffer, args: string[]): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [PDF_TO_PNG_SCRIPT, ...args, '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(stdout));
      else
        reject(
          new Error(`pdf-to-png exited ${code}: ${Buffer.concat(stderr).toString('utf8').trim()}`),
        );
    });
    child.stdin.on('error', reject);
    child.stdin.end(pdf);
  });
}
