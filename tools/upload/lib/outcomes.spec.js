'use strict';
const { describe, it, expect } = require('@jest/globals');
const { ReadableStream } = require('node:stream/web');
const { readAnswer, AnswerError } = require('./outcomes');

/** A web stream of the given text, cut into pieces of `size` characters. */
function webBody(text, size = 5) {
  const pieces = [];
  for (let at = 0; at < text.length; at += size)
    pieces.push(Buffer.from(text.slice(at, at + size)));
  return new ReadableStream({
    pull(controller) {
      const piece = pieces.shift();
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
}

async function itemsOf(text) {
  const items = [];
  for await (const item of readAnswer(webBody(text))) items.push(item);
  return items;
}

describe('readAnswer', () => {
  const accepted = { line: 2, status: 'accepted', resultId: '21PA-1' };
  const rejected = {
    line: 3,
    status: 'rejected',
    resultId: null,
    errors: [{ code: 'validation' }],
  };
  const summary = { lines: 2, accepted: 1, rejected: 1 };

  it.each([
    [
      'outcomes and the summary',
      [accepted, rejected, { summary }].map((v) => JSON.stringify(v)).join('\n') + '\n',
      [{ outcome: accepted }, { outcome: rejected }, { summary }],
    ],
    [
      'CRLF, blank lines and no final line break',
      `${JSON.stringify(accepted)}\r\n\r\n${JSON.stringify({ summary })}`,
      [{ outcome: accepted }, { summary }],
    ],
    [
      'a register that stopped part-way',
      `${JSON.stringify(accepted)}\n${JSON.stringify({ error: 'the batch stopped', summary })}\n`,
      [{ outcome: accepted }, { summary, failure: 'the batch stopped' }],
    ],
    ['an empty answer', '', []],
  ])('reads %s', async (_name, text, expected) => {
    expect(await itemsOf(text)).toEqual(expected);
  });

  it.each([
    [
      'a line that is not JSON',
      '{"line":2,"status"\n',
      /line 1 of the register's answer is not JSON/,
    ],
    [
      'a line that is neither',
      `${JSON.stringify(accepted)}\n[1]\n`,
      /line 2 .* neither an outcome nor a summary/,
    ],
  ])('fails on %s', async (_name, text, message) => {
    await expect(itemsOf(text)).rejects.toThrow(AnswerError);
    await expect(itemsOf(text)).rejects.toThrow(message);
  });
});
