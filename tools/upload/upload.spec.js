'use strict';
// The whole command against a tiny HTTP server that plays the register's batch endpoint.
const { describe, it, expect, beforeAll, afterAll } = require('@jest/globals');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const UPLOAD = path.join(__dirname, 'upload.js');
const TOKEN = 'good-token';
const BSN = '123456782';

/**
 * Answers a batch as the register does: reads the body line by line as it arrives and writes
 * one outcome per data line, then the summary. A line whose sequence starts with X is rejected;
 * under /nosummary (a base URL with that path) the summary is left out, under /stop the answer
 * ends with the line the register writes when it cannot go on.
 */
function fakeRegister() {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const seen = { method: req.method, url: req.url, headers: req.headers, chunks: 0 };
    requests.push(seen);
    req.on('data', () => seen.chunks++);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      // Refused before the body is read, as an authentication guard does (Node's server then
      // discards the rest of the body).
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      res.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Unauthorized',
          status: 401,
          detail: 'the token has expired',
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const csv = req.headers['content-type'].startsWith('text/csv');
    const counts = { lines: 0, accepted: 0, rejected: 0 };
    let number = 0;
    for await (const text of readline.createInterface({ input: req, crlfDelay: Infinity })) {
      number++;
      if (text.trim() === '' || (csv && number === 1)) continue;
      const sequence = csv ? text.split(',')[1] : JSON.parse(text).resultSequence;
      const outcome = sequence.startsWith('X')
        ? {
            line: number,
            status: 'rejected',
            resultId: null,
            errors: [{ code: 'validation', field: 'person.bsn', message: 'fails the 11-check' }],
          }
        : { line: number, status: 'accepted', resultId: `21PA-${sequence}` };
      counts.lines++;
      counts[outcome.status]++;
      if (!res.write(`${JSON.stringify(outcome)}\n`))
        await new Promise((r) => res.once('drain', r));
    }
    if (req.url.startsWith('/nosummary')) res.end();
    else if (req.url.startsWith('/stop')) {
      res.end(`${JSON.stringify({ error: 'the batch stopped', summary: counts })}\n`);
    } else res.end(`${JSON.stringify({ summary: counts })}\n`);
  });
  return { server, requests };
}

function run(args, env = {}) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [UPLOAD, ...args],
      { env: { ...process.env, ROD_TOKEN: '', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

const ndjsonLine = (sequence) =>
  JSON.stringify({
    institutionCode: '21PA',
    resultSequence: sequence,
    person: { bsn: BSN },
    programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    examDate: '2026-07-03',
    studyMode: 'full-time',
  });
const CSV_HEADER =
  'institutionCode,resultSequence,person.bsn,programme.crohoCode,programme.level,' +
  'programme.examType,examDate,studyMode';
const csvLine = (sequence) => `21PA,${sequence},${BSN},34479,HBO,bachelor,2026-07-03,full-time`;

describe('upload (against a fake register)', () => {
  const { server, requests } = fakeRegister();
  let url;
  let dir;
  const file = (name, text) => {
    const full = path.join(dir, name);
    fs.writeFileSync(full, text);
    return full;
  };
  const lastRequest = () => requests[requests.length - 1];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-spec-'));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams an NDJSON file and exits 0 when every line is accepted', async () => {
    const input = file(
      'ok.ndjson',
      `${ndjsonLine('1')}\n\n${ndjsonLine('2')}\n${ndjsonLine('3')}\n`,
    );

    const { code, stdout } = await run(
      [input, '--institution', '21PA', '--url', url, '--idempotency-key', 'upload-7'],
      { ROD_TOKEN: TOKEN },
    );

    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^ok\.ndjson → 21PA: 3 lines, 3 accepted, 0 rejected in [\d.]+ s \(\d+ lines\/s\)$/m,
    );
    expect(stdout).not.toContain('Rejected');
    const seen = lastRequest();
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/v1/institutions/21PA/results/batch');
    expect(seen.headers).toMatchObject({
      'content-type': 'application/x-ndjson',
      authorization: `Bearer ${TOKEN}`,
      'idempotency-key': 'upload-7',
      'transfer-encoding': 'chunked',
    });
    expect(seen.headers['content-length']).toBeUndefined();
  });

  it('exits 2 with the rejected lines by reason, and writes them to --report', async () => {
    const rows = [CSV_HEADER, csvLine('1'), csvLine('X2'), csvLine('3'), csvLine('X4')];
    const input = file('some.csv', `${rows.join('\r\n')}\r\n`);
    const reportFile = path.join(dir, 'rejected.ndjson');

    const { code, stdout, stderr } = await run([
      input,
      '--institution',
      '21PA',
      '--url',
      url,
      '--token',
      TOKEN,
      '--report',
      reportFile,
    ]);

    expect(code).toBe(2);
    expect(lastRequest().headers['content-type']).toBe('text/csv');
    expect(stdout).toContain('some.csv → 21PA: 4 lines, 2 accepted, 2 rejected');
    expect(stdout).toContain('2 × validation person.bsn: fails the 11-check (lines 3, 5)');
    expect(stdout).toContain(`Every rejected line: ${reportFile}`);
    expect(stdout + stderr).not.toContain(BSN);
    const reported = fs
      .readFileSync(reportFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reported.map((outcome) => [outcome.line, outcome.status])).toEqual([
      [3, 'rejected'],
      [5, 'rejected'],
    ]);
  });

  it('sends a large file in many chunks without a Content-Length', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => ndjsonLine(String(i + 1)));
    const input = file('large.ndjson', `${lines.join('\n')}\n`);

    const { code, stdout } = await run([input, '--institution', '21PA', '--url', url], {
      ROD_TOKEN: TOKEN,
    });

    expect(code).toBe(0);
    expect(stdout).toContain('20000 lines, 20000 accepted, 0 rejected');
    expect(lastRequest().chunks).toBeGreaterThan(10);
    expect(lastRequest().headers['content-length']).toBeUndefined();
  }, 30_000);

  it.each([
    ['a small file', 1],
    ['a large file still being sent', 20_000],
  ])(
    'prints the problem and exits 1 when the register refuses the token (%s)',
    async (_name, count) => {
      const lines = Array.from({ length: count }, (_, i) => ndjsonLine(String(i + 1)));
      const input = file('refused.ndjson', `${lines.join('\n')}\n`);

      const { code, stdout, stderr } = await run([input, '--institution', '21PA', '--url', url], {
        ROD_TOKEN: 'expired',
      });

      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(
        'the register refused the upload: 401 Unauthorized\n  the token has expired',
      );
    },
  );

  it('exits 1 when the answer ends before its summary', async () => {
    const input = file('cut.ndjson', `${ndjsonLine('1')}\n`);

    const { code, stderr } = await run(
      [input, '--institution', '21PA', '--url', `${url}/nosummary`],
      {
        ROD_TOKEN: TOKEN,
      },
    );

    expect(code).toBe(1);
    expect(stderr).toContain("the register's answer ended before its summary (1 outcomes received");
  });

  it('prints what was done and exits 1 when the register stopped part-way', async () => {
    const input = file('stopped.ndjson', `${ndjsonLine('1')}\n${ndjsonLine('X2')}\n`);

    const { code, stdout, stderr } = await run(
      [input, '--institution', '21PA', '--url', `${url}/stop`],
      { ROD_TOKEN: TOKEN },
    );

    expect(code).toBe(1);
    expect(stdout).toContain('stopped.ndjson → 21PA: 2 lines, 1 accepted, 1 rejected');
    expect(stderr).toContain('upload failed after 2 lines: the batch stopped');
  });

  it('exits 1 when the register cannot be reached', async () => {
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${closed.address().port}`;
    await new Promise((resolve) => closed.close(resolve));
    const input = file('nowhere.ndjson', `${ndjsonLine('1')}\n`);

    const { code, stderr } = await run([input, '--institution', '21PA', '--url', deadUrl], {
      ROD_TOKEN: TOKEN,
    });

    expect(code).toBe(1);
    expect(stderr).toContain(`upload failed: cannot reach ${deadUrl}`);
    expect(stderr).toContain('ECONNREFUSED');
  });

  it.each([
    ['no file', ['--institution', '21PA'], /which file\?/],
    [
      'an unknown extension',
      ['results.txt', '--institution', '21PA'],
      /must end in \.ndjson, \.jsonl or \.csv/,
    ],
    ['no institution', ['a.csv'], /--institution is required/],
    ['a missing file', ['missing.csv', '--institution', '21PA'], /upload failed: ENOENT/],
  ])('exits 1 with a clear message on %s', async (_name, args, message) => {
    const { code, stderr } = await run(args, { ROD_TOKEN: TOKEN });

    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });
});
