// Renders page 1 of a PDF to PNG with MuPDF (WASM), or prints the PDF's text or shape.
// A script of its own because mupdf is an ES module, which jest here cannot load; the
// tests run it as a child process (libs/testing/src/pdf.ts).
//
// Usage:
//   node tools/pdf/pdf-to-png.mjs [--dpi <n>] [--out <file.png>] [<file.pdf> | -]
//       page 1 as PNG (default 150 DPI) to --out, or to standard output
//   node tools/pdf/pdf-to-png.mjs --text [<file.pdf> | -]
//       the text of every page, as MuPDF extracts it, to standard output
//   node tools/pdf/pdf-to-png.mjs --info [<file.pdf> | -]
//       {"pages":n,"width":w,"height":h} (page 1's size in points) to standard output
// The PDF is read from the path, or from standard input when it is "-" or absent.
// Exits 2 on a usage error and 1 when the PDF cannot be read or rendered.
import { readFile, writeFile } from 'node:fs/promises';
import * as mupdf from 'mupdf';

const USAGE =
  'usage: pdf-to-png.mjs [--dpi <n>] [--out <file.png>] [--text | --info] [<file.pdf> | -]';

function parseArguments(args) {
  const options = { dpi: 150, out: null, mode: 'png', input: '-' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--dpi') options.dpi = Number(args[++i]);
    else if (arg === '--out') options.out = args[++i];
    else if (arg === '--text') options.mode = 'text';
    else if (arg === '--info') options.mode = 'info';
    else if (arg === '--help' || arg === '-h') options.mode = 'help';
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.input = arg;
  }
  if (!Number.isFinite(options.dpi) || options.dpi < 10 || options.dpi > 1200) {
    throw new UsageError('--dpi must be a number from 10 to 1200');
  }
  if (options.out === undefined) throw new UsageError('--out needs a file name');
  return options;
}

class UsageError extends Error {}

async function readInput(input) {
  if (input !== '-') return readFile(input);
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function render(document, dpi) {
  const page = document.loadPage(0);
  const scale = dpi / 72;
  const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false);
  return Buffer.from(pixmap.asPNG());
}

function text(document) {
  const pages = [];
  for (let i = 0; i < document.countPages(); i++) {
    pages.push(document.loadPage(i).toStructuredText('preserve-whitespace').asText());
  }
  return pages.join('\f');
}

function info(document) {
  const [x0, y0, x1, y1] = document.loadPage(0).getBounds();
  return JSON.stringify({ pages: document.countPages(), width: x1 - x0, height: y1 - y0 });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const pdf = await readInput(options.input);
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  if (document.countPages() < 1) throw new Error('the PDF has no pages');
  let output;
  if (options.mode === 'text') output = Buffer.from(text(document), 'utf8');
  else if (options.mode === 'info') output = Buffer.from(`${info(document)}\n`, 'utf8');
  else output = render(document, options.dpi);
  if (options.out) await writeFile(options.out, output);
  else process.stdout.write(output);
}

main().catch((error) => {
  process.stderr.write(`pdf-to-png: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
