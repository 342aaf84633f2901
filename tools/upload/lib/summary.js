'use strict';
// The tally of outcomes, and the summary printed at the end of an upload.
const { reasonOf } = require('./problem');
const { formatDuration } = require('./units');

const SHOWN_REASONS = 20;
const LINES_PER_REASON = 5;
/** Distinct reasons kept; past this, new ones are counted together, to bound memory. */
const MAX_REASONS = 1000;
const OTHER_REASONS = 'other reasons (see --report)';

/** Counts outcomes, and groups rejected lines by reason (code, field and message). */
class Tally {
  constructor() {
    this.outcomes = 0;
    this.accepted = 0;
    this.rejected = 0;
    this.reasons = new Map(); // reason -> { count, lines }
  }

  add(outcome) {
    this.outcomes++;
    if (outcome.status === 'accepted') {
      this.accepted++;
      return;
    }
    this.rejected++;
    const errors =
      Array.isArray(outcome.errors) && outcome.errors.length > 0 ? outcome.errors : [{}];
    for (const error of errors) this.countReason(reasonOf(error), outcome.line);
  }

  countReason(reason, line) {
    const key =
      this.reasons.has(reason) || this.reasons.size < MAX_REASONS ? reason : OTHER_REASONS;
    const group = this.reasons.get(key) ?? { count: 0, lines: [] };
    group.count++;
    if (group.lines.length < LINES_PER_REASON) group.lines.push(line);
    this.reasons.set(key, group);
  }

  /** The reasons, most frequent first. */
  byReason() {
    return [...this.reasons.entries()]
      .map(([reason, { count, lines }]) => ({ reason, count, lines }))
      .sort((a, b) => b.count - a.count);
  }
}

/** The closing report: totals, rate, and the rejected lines by reason. */
function formatSummary({ file, institution, summary, tally, elapsedMs, reportFile }) {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(summary.lines / seconds) : summary.lines;
  const out = [
    `${file} → ${institution}: ${summary.lines} lines, ${summary.accepted} accepted, ` +
      `${summary.rejected} rejected in ${formatDuration(seconds)} (${rate} lines/s)`,
  ];
  const reasons = tally.byReason();
  if (reasons.length > 0) {
    const counted = reasons.reduce((sum, { count }) => sum + count, 0);
    const several =
      counted > tally.rejected ? ' (a line with several errors counts under each)' : '';
    out.push('', `Rejected lines by reason${several}:`);
    const width = String(reasons[0].count).length;
    for (const { reason, count, lines } of reasons.slice(0, SHOWN_REASONS)) {
      out.push(`  ${String(count).padStart(width)} × ${reason} (${linesText(lines, count)})`);
    }
    if (reasons.length > SHOWN_REASONS) {
      out.push(`  … and ${reasons.length - SHOWN_REASONS} more reasons`);
    }
  }
  if (tally.outcomes !== summary.lines) {
    out.push('', `note: ${tally.outcomes} outcomes were received for ${summary.lines} lines`);
  }
  if (reportFile && summary.rejected > 0) out.push('', `Every rejected line: ${reportFile}`);
  return out.join('\n');
}

function linesText(lines, count) {
  const label = count === 1 ? 'line' : 'lines';
  return `${label} ${lines.join(', ')}${count > lines.length ? ', …' : ''}`;
}

module.exports = { Tally, formatSummary };
