'use strict';
// The HTTP side of an upload: the file as a streamed request body, and the batch request.
const fs = require('node:fs');
const { ReadableStream } = require('node:stream/web');

/**
 * The file as a request body read only as fast as fetch sends it, so a file of any size
 * is never in memory; `onChunk` sees every chunk on its way out (for the progress display).
 */
function fileBody(file, onChunk) {
  const chunks = fs.createReadStream(file)[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) {
        controller.close();
        return;
      }
      onChunk(value);
      controller.enqueue(value);
    },
    async cancel() {
      await chunks.return();
    },
  });
}

function batchUrl(baseUrl, institution) {
  return `${baseUrl}/v1/institutions/${encodeURIComponent(institution)}/results/batch`;
}

/** POSTs the body as it is read (chunked: no Content-Length); resolves with the answer's head. */
function sendBatch({ baseUrl, institution, token, idempotencyKey, contentType, body, signal }) {
  const headers = {
    'content-type': contentType,
    accept: 'application/x-ndjson, application/problem+json',
    authorization: `Bearer ${token}`,
  };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return fetch(batchUrl(baseUrl, institution), {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
    // Any other mode makes fetch clone the request for a possible redirect, teeing the body
    // and keeping every byte sent in memory (nodejs/undici#4058); a streamed body cannot be
    // sent again to follow a redirect anyway.
    redirect: 'error',
    signal,
  });
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** What went wrong with the request itself, in a line (fetch hides the cause). */
function describeFailure(error, baseUrl) {
  const cause = error && error.cause;
  if (cause && typeof cause.code === 'string') {
    const what = cause.message || cause.code;
    return UNREACHABLE.has(cause.code)
      ? `cannot reach ${baseUrl}: ${what}`
      : `the connection to ${baseUrl} broke: ${what}`;
  }
  return error instanceof Error ? error.message : String(error);
}

module.exports = { fileBody, batchUrl, sendBatch, describeFailure };
