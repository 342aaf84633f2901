'use strict';
const { describe, it, expect } = require('@jest/globals');
const { Progress, progressStats, progressLine } = require('./progress');
const { formatDuration, formatBytes } = require('./units');

describe('progressStats', () => {
  it.each([
    [
      'nothing sent yet',
      { sentBytes: 0, totalBytes: 1000, newlines: 0, outcomes: 0, elapsedMs: 0 },
      { percent: 0, rate: 0, etaSeconds: null },
    ],
    [
      'half sent, lines estimated from the line breaks so far',
      { sentBytes: 500, totalBytes: 1000, newlines: 50, outcomes: 40, elapsedMs: 2000 },
      { percent: 50, rate: 20, etaSeconds: 3 }, // 100 lines expected, 60 to go at 20/s
    ],
    [
      'all sent and answered',
      { sentBytes: 1000, totalBytes: 1000, newlines: 100, outcomes: 100, elapsedMs: 5000 },
      { percent: 100, rate: 20, etaSeconds: 0 },
    ],
    [
      'an empty file',
      { sentBytes: 0, totalBytes: 0, newlines: 0, outcomes: 0, elapsedMs: 10 },
      { percent: 100, rate: 0, etaSeconds: null },
    ],
  ])('%s', (_name, input, expected) => {
    expect(progressStats(input)).toEqual(expected);
  });
});

describe('progressLine', () => {
  it('says what was sent, answered, how fast, and how long still', () => {
    const state = { sentBytes: 3 * 1024 * 1024, totalBytes: 12 * 1024 * 1024, outcomes: 2500 };
    const line = progressLine(state, { percent: 25, rate: 500, etaSeconds: 75 });

    expect(line).toBe(
      'upload: 3.0 MB of 12.0 MB sent (25%), 2500 outcomes, 500 lines/s, ETA 1 min 15 s',
    );
  });
});

describe('units', () => {
  it.each([
    [0.25, '0.3 s'],
    [9.94, '9.9 s'],
    [42, '42 s'],
    [75, '1 min 15 s'],
    [3725, '1 h 02 min'],
    [Number.NaN, '?'],
  ])('formatDuration(%s) is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [512, '512 B'],
    [2048, '2.0 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
    [3 * 1024 * 1024 * 1024, '3.00 GB'],
  ])('formatBytes(%s) is %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('Progress', () => {
  function fakeStream(isTTY) {
    const stream = { isTTY, columns: 200, written: '', write: (text) => (stream.written += text) };
    stream.cursorTo = () => true;
    stream.clearLine = () => true;
    stream.moveCursor = () => true;
    return stream;
  }

  it('counts bytes, line breaks and outcomes, and writes a line when not on a terminal', () => {
    let now = 0;
    const stream = fakeStream(false);
    const progress = new Progress({ totalBytes: 20, stream, now: () => now });
    progress.start();
    progress.sent(Buffer.from('{"a":1}\n{"b":2}\n'));
    progress.outcome();
    now = 1000;
    progress.render();
    progress.stop();

    expect(progress.state).toEqual({ sentBytes: 16, totalBytes: 20, newlines: 2, outcomes: 1 });
    expect(stream.written).toBe(
      'upload: 16 B of 20 B sent (80%), 1 outcomes, 1 lines/s, ETA 1.5 s\n',
    );
  });

  it('draws a bar on a terminal', () => {
    const stream = fakeStream(true);
    const progress = new Progress({ totalBytes: 16, stream, now: () => 1000 });
    progress.start();
    progress.sent(Buffer.from('{"a":1}\n{"b":2}\n'));
    progress.outcome();
    progress.stop();

    expect(stream.written).toContain('100% | 16 B of 16 B sent | 1 outcomes');
  });
});
