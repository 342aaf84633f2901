'use strict';
// --report: every rejected outcome, as NDJSON.
const fs = require('node:fs');
const { once } = require('node:events');

class RejectedReport {
  /** Opens (truncates) the file before anything is sent, so a bad path fails early. */
  static async open(file) {
    const stream = fs.createWriteStream(file, { flags: 'w' });
    await once(stream, 'open');
    return new RejectedReport(stream);
  }

  constructor(stream) {
    this.stream = stream;
  }

  async write(outcome) {
    if (!this.stream.write(`${JSON.stringify(outcome)}\n`)) await once(this.stream, 'drain');
  }

  async close() {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

module.exports = { RejectedReport };
