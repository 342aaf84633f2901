'use strict';
const { describe, it, expect, afterEach } = require('@jest/globals');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ReadableStream } = require('node:stream/web');
const { fileBody, batchUrl, sendBatch, describeFailure } = require('./request');

describe('fileBody', () => {
  it('hands the file over chunk by chunk, telling onChunk of each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-request-'));
    const file = path.join(dir, 'big.ndjson');
    const content = Buffer.alloc(300 * 1024, 'x');
    fs.writeFileSync(file, content);
    const seen = [];

    const chunks = [];
    for await (const chunk of fileBody(file, (chunk) => seen.push(chunk.length)))
      chunks.push(chunk);

    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1); // read in pieces, not as a whole
    expect(seen).toEqual(chunks.map((chunk) => chunk.length));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('sendBatch', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => (globalThis.fetch = realFetch));

  it('streams the body with the batch headers, and never follows a redirect', async () => {
    const calls = [];
    globalThis.fetch = async (...args) => calls.push(args);
    const body = new ReadableStream();

    await sendBatch({
      baseUrl: 'http://127.0.0.1:3001',
      institution: '21PA',
      token: 'jwt',
      idempotencyKey: 'k-1',
      contentType: 'text/csv',
      body,
      signal: undefined,
    });

    expect(calls).toEqual([
      [
        'http://127.0.0.1:3001/v1/institutions/21PA/results/batch',
        {
          method: 'POST',
          headers: {
            'content-type': 'text/csv',
            accept: 'application/x-ndjson, application/problem+json',
            authorization: 'Bearer jwt',
            'idempotency-key': 'k-1',
          },
          body,
          duplex: 'half',
          // Following redirects makes undici tee the body and keep all of it in memory.
          redirect: 'error',
          signal: undefined,
        },
      ],
    ]);
  });
});

describe('batchUrl', () => {
  it.each([
    ['http://127.0.0.1:3001', '21PA', 'http://127.0.0.1:3001/v1/institutions/21PA/results/batch'],
    ['https://r.example/api', '30XY', 'https://r.example/api/v1/institutions/30XY/results/batch'],
  ])('%s for %s is %s', (base, code, url) => {
    expect(batchUrl(base, code)).toBe(url);
  });
});

describe('describeFailure', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3001'), {
          code: 'ECONNREFUSED',
        }),
      }),
      'cannot reach http://127.0.0.1:3001: connect ECONNREFUSED 127.0.0.1:3001',
    ],
    [
      'a connection closed while sending',
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }),
      }),
      'the connection to http://127.0.0.1:3001 broke: write EPIPE',
    ],
    ['any other error', new Error('socket hang up'), 'socket hang up'],
    ['a thrown string', 'odd', 'odd'],
  ])('explains %s', (_name, error, text) => {
    expect(describeFailure(error, 'http://127.0.0.1:3001')).toBe(text);
  });
});
