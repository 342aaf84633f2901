'use strict';
// Progress of an upload on stderr: a bar on a terminal, a line every few seconds otherwise.
const { performance } = require('node:perf_hooks');
const cliProgress = require('cli-progress');
const { formatBytes, formatDuration } = require('./units');

const LF = 0x0a;
const BAR_FORMAT =
  '{bar} {percentage}% | {sentText} of {totalText} sent | {outcomes} outcomes | {rate} lines/s | ETA {etaText}';

/**
 * Percent sent, rate (outcomes a second) and ETA. The number of lines is estimated from the
 * line breaks sent so far, scaled to the whole file; it is exact once everything is sent.
 */
function progressStats({ sentBytes, totalBytes, newlines, outcomes, elapsedMs }) {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? outcomes / seconds : 0;
  const expectedLines = sentBytes > 0 ? (newlines * totalBytes) / sentBytes : null;
  const etaSeconds =
    rate > 0 && expectedLines !== null ? Math.max(0, expectedLines - outcomes) / rate : null;
  const percent = totalBytes > 0 ? Math.min(100, Math.floor((sentBytes * 100) / totalBytes)) : 100;
  return { percent, rate: Math.round(rate), etaSeconds };
}

function progressLine(state, stats) {
  return (
    `upload: ${formatBytes(state.sentBytes)} of ${formatBytes(state.totalBytes)} sent ` +
    `(${stats.percent}%), ${state.outcomes} outcomes, ${stats.rate} lines/s, ` +
    `ETA ${etaText(stats.etaSeconds)}`
  );
}

function etaText(seconds) {
  return seconds === null ? '?' : formatDuration(seconds);
}

class Progress {
  constructor({ totalBytes, stream, tty = Boolean(stream.isTTY), intervalMs, now }) {
    this.state = { sentBytes: 0, totalBytes, newlines: 0, outcomes: 0 };
    this.stream = stream;
    this.tty = tty;
    this.intervalMs = intervalMs ?? (tty ? 200 : 5000);
    this.now = now ?? (() => performance.now());
    this.startedAt = this.now();
    this.timer = null;
    this.bar = tty
      ? new cliProgress.SingleBar(
          { stream, format: BAR_FORMAT, hideCursor: true, barsize: 24 },
          cliProgress.Presets.shades_classic,
        )
      : null;
  }

  start() {
    this.startedAt = this.now();
    this.bar?.start(this.state.totalBytes, 0, this.payload());
    this.timer = setInterval(() => this.render(), this.intervalMs);
    this.timer.unref();
  }

  /** A chunk of the file on its way to the register. */
  sent(chunk) {
    this.state.sentBytes += chunk.length;
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
      this.state.newlines++;
    }
  }

  /** An outcome received. */
  outcome() {
    this.state.outcomes++;
  }

  stats() {
    return progressStats({ ...this.state, elapsedMs: this.now() - this.startedAt });
  }

  render() {
    if (this.bar) this.bar.update(this.state.sentBytes, this.payload());
    else this.stream.write(`${progressLine(this.state, this.stats())}\n`);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.bar) {
      this.bar.update(this.state.sentBytes, this.payload());
      this.bar.stop();
    }
  }

  payload() {
    const stats = this.stats();
    return {
      sentText: formatBytes(this.state.sentBytes),
      totalText: formatBytes(this.state.totalBytes),
      outcomes: this.state.outcomes,
      rate: stats.rate,
      etaText: etaText(stats.etaSeconds),
    };
  }
}

module.exports = { Progress, progressStats, progressLine };
