'use strict';
// Command-line options of `npm run upload`.
const path = require('node:path');
const util = require('node:util');

const USAGE = `usage: npm run upload -- <file.ndjson|file.jsonl|file.csv> --institution <code> [options]

Streams a file of register-result commands to
POST <url>/v1/institutions/<code>/results/batch and prints what became of every line.

  --institution CODE     the institution's code (BRIN), e.g. 21PA (required)
  --url URL              the register's HTTP address (default http://127.0.0.1:3001)
  --token JWT            bearer token of the institution (default: env ROD_TOKEN)
  --idempotency-key KEY  sent as Idempotency-Key, so that sending the same upload again
                         has effect once
  --report FILE          write every rejected outcome to FILE, one JSON object a line
  --help                 this text

Exit codes: 0 every line accepted, 2 some lines rejected, 1 the upload failed.`;

const DEFAULT_URL = 'http://127.0.0.1:3001';
const INSTITUTION_CODE = /^[0-9]{2}[A-Z]{2}$/;

const CONTENT_TYPES = {
  '.ndjson': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.csv': 'text/csv',
};

class UsageError extends Error {}

/** The Content-Type of a file, from its extension. */
function contentTypeOf(file) {
  const extension = path.extname(file).toLowerCase();
  const type = Object.hasOwn(CONTENT_TYPES, extension) ? CONTENT_TYPES[extension] : null;
  if (!type) {
    throw new UsageError(`${file}: the name must end in .ndjson, .jsonl or .csv`);
  }
  return type;
}

function parseArgs(argv, env = process.env) {
  let parsed;
  try {
    parsed = util.parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        institution: { type: 'string' },
        url: { type: 'string', default: DEFAULT_URL },
        token: { type: 'string' },
        'idempotency-key': { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'which file? name one' : 'name one file only');
  }
  const [file] = positionals;
  if (!values.institution) throw new UsageError('--institution is required');
  if (!INSTITUTION_CODE.test(values.institution)) {
    throw new UsageError(
      `--institution must be two digits and two capital letters (e.g. 21PA), not "${values.institution}"`,
    );
  }
  const token = values.token ?? env.ROD_TOKEN;
  if (!token) throw new UsageError('no token: pass --token or set ROD_TOKEN');
  return {
    help: false,
    file,
    contentType: contentTypeOf(file),
    institution: values.institution,
    url: baseUrlOf(values.url),
    token,
    idempotencyKey: values['idempotency-key'] ?? null,
    report: values.report ?? null,
  };
}

function baseUrlOf(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url is not a URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--url must be http or https, not ${url.protocol}`);
  }
  return url.href.replace(/\/+$/, '');
}

module.exports = { parseArgs, contentTypeOf, UsageError, USAGE, DEFAULT_URL };
