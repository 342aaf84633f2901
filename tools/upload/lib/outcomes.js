'use strict';
// The register's answer to a batch: NDJSON, one outcome per line, then a summary line.
const { Readable, pipeline } = require('node:stream');
const split2 = require('split2');

const MAX_ANSWER_LINE = 1024 * 1024;

class AnswerError extends Error {}

/**
 * The answer's lines, parsed: `{ outcome }` for `{"line":…,"status":…}`, `{ summary }` for
 * the last one, or `{ summary, failure }` when the register stopped part-way
 * (`{"error":"…","summary":{…}}`). Throws an AnswerError on a line that is none of these.
 */
async function* readAnswer(webBody) {
  const lines = pipeline(
    Readable.fromWeb(webBody),
    split2({ maxLength: MAX_ANSWER_LINE }),
    () => undefined, // errors end the iteration below
  );
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === '') continue;
    yield itemOf(text, number);
  }
}

function itemOf(text, number) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AnswerError(`line ${number} of the register's answer is not JSON`);
  }
  if (value && typeof value === 'object' && value.summary && typeof value.summary === 'object') {
    return value.error
      ? { summary: value.summary, failure: String(value.error) }
      : { summary: value.summary };
  }
  if (value && typeof value === 'object' && Number.isInteger(value.line)) {
    return { outcome: value };
  }
  throw new AnswerError(
    `line ${number} of the register's answer is neither an outcome nor a summary`,
  );
}

module.exports = { readAnswer, itemOf, AnswerError };
