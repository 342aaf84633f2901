'use strict';
const { describe, it, expect } = require('@jest/globals');
const { Tally, formatSummary } = require('./summary');

const accepted = (line) => ({ line, status: 'accepted', resultId: `21PA-${line}` });
const rejected = (line, ...errors) => ({ line, status: 'rejected', resultId: null, errors });
const bsn = { code: 'validation', field: 'person.bsn', message: 'fails the 11-check' };
const exists = { code: 'already-exists', field: null, message: 'already registered' };

function tallyOf(outcomes) {
  const tally = new Tally();
  outcomes.forEach((outcome) => tally.add(outcome));
  return tally;
}

describe('Tally', () => {
  it.each([
    ['nothing', [], { outcomes: 0, accepted: 0, rejected: 0 }, []],
    ['only accepted lines', [accepted(1), accepted(2)], { outcomes: 2, accepted: 2 }, []],
    [
      'rejected lines grouped by code, field and message, most frequent first',
      [rejected(2, exists), rejected(3, bsn), accepted(4), rejected(5, bsn)],
      { outcomes: 4, accepted: 1, rejected: 3 },
      [
        { reason: 'validation person.bsn: fails the 11-check', count: 2, lines: [3, 5] },
        { reason: 'already-exists: already registered', count: 1, lines: [2] },
      ],
    ],
    [
      'a line with several errors under each',
      [rejected(7, bsn, exists)],
      { rejected: 1 },
      [
        { reason: 'validation person.bsn: fails the 11-check', count: 1, lines: [7] },
        { reason: 'already-exists: already registered', count: 1, lines: [7] },
      ],
    ],
    [
      'a rejection without errors',
      [{ line: 9, status: 'rejected' }],
      { rejected: 1 },
      [{ reason: 'error', count: 1, lines: [9] }],
    ],
    [
      'only the first five line numbers of a reason',
      [2, 3, 4, 5, 6, 7, 8].map((line) => rejected(line, bsn)),
      { rejected: 7 },
      [{ reason: 'validation person.bsn: fails the 11-check', count: 7, lines: [2, 3, 4, 5, 6] }],
    ],
  ])('counts %s', (_name, outcomes, counts, reasons) => {
    const tally = tallyOf(outcomes);

    expect(tally).toMatchObject(counts);
    expect(tally.byReason()).toEqual(reasons);
  });

  it('keeps at most 1000 distinct reasons and counts the rest together', () => {
    const tally = new Tally();
    for (let line = 1; line <= 1500; line++) {
      tally.add(rejected(line, { code: 'validation', field: null, message: `message ${line}` }));
    }

    expect(tally.reasons.size).toBe(1001);
    expect(tally.byReason()[0]).toMatchObject({
      reason: 'other reasons (see --report)',
      count: 500,
    });
  });
});

describe('formatSummary', () => {
  const base = { file: 'r.csv', institution: '21PA', elapsedMs: 2000, reportFile: null };

  it.each([
    [
      'all accepted',
      { summary: { lines: 3, accepted: 3, rejected: 0 }, outcomes: [1, 2, 3].map(accepted) },
      ['r.csv → 21PA: 3 lines, 3 accepted, 0 rejected in 2.0 s (2 lines/s)'],
    ],
    [
      'rejected lines by reason, with the report file',
      {
        summary: { lines: 4, accepted: 1, rejected: 3 },
        outcomes: [rejected(2, exists), rejected(3, bsn), accepted(4), rejected(5, bsn)],
        reportFile: 'rejected.ndjson',
      },
      [
        'r.csv → 21PA: 4 lines, 1 accepted, 3 rejected in 2.0 s (2 lines/s)',
        '',
        'Rejected lines by reason:',
        '  2 × validation person.bsn: fails the 11-check (lines 3, 5)',
        '  1 × already-exists: already registered (line 2)',
        '',
        'Every rejected line: rejected.ndjson',
      ],
    ],
    [
      'more lines than shown, and lines with several errors',
      {
        summary: { lines: 12, accepted: 0, rejected: 12 },
        outcomes: Array.from({ length: 12 }, (_, i) =>
          rejected(i + 2, bsn, ...(i === 0 ? [exists] : [])),
        ),
      },
      [
        'r.csv → 21PA: 12 lines, 0 accepted, 12 rejected in 2.0 s (6 lines/s)',
        '',
        'Rejected lines by reason (a line with several errors counts under each):',
        '  12 × validation person.bsn: fails the 11-check (lines 2, 3, 4, 5, 6, …)',
        '   1 × already-exists: already registered (line 2)',
      ],
    ],
    [
      'a register that answered fewer outcomes than lines',
      { summary: { lines: 2, accepted: 2, rejected: 0 }, outcomes: [accepted(1)] },
      [
        'r.csv → 21PA: 2 lines, 2 accepted, 0 rejected in 2.0 s (1 lines/s)',
        '',
        'note: 1 outcomes were received for 2 lines',
      ],
    ],
  ])('shows %s', (_name, { summary, outcomes, reportFile = null }, expected) => {
    const text = formatSummary({ ...base, summary, tally: tallyOf(outcomes), reportFile });

    expect(text.split('\n')).toEqual(expected);
  });

  it('shows the 20 most frequent reasons and says how many more there are', () => {
    const outcomes = Array.from({ length: 25 }, (_, i) =>
      rejected(i + 2, { code: 'validation', field: `f${i}`, message: 'bad' }),
    );
    const text = formatSummary({
      ...base,
      summary: { lines: 25, accepted: 0, rejected: 25 },
      tally: tallyOf(outcomes),
    });

    expect(text).toContain('… and 5 more reasons');
    expect(text.split('\n').filter((line) => line.includes(' × '))).toHaveLength(20);
  });
});
