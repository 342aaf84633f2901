#!/usr/bin/env node
'use strict';
// `npm run upload -- <file> --institution <code>`: streams a file of register-result commands
// (NDJSON or CSV) to the register's batch endpoint and reports what became of every line.
// Progress goes to stderr, the summary to stdout. Input lines are never echoed: they hold
// personal numbers. Exit codes: 0 all accepted, 2 some rejected, 1 the upload failed.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { parseArgs, UsageError, USAGE } = require('./lib/args');
const { fileBody, sendBatch, describeFailure } = require('./lib/request');
const { readAnswer, AnswerError } = require('./lib/outcomes');
const { describeProblem } = require('./lib/problem');
const { Progress } = require('./lib/progress');
const { RejectedReport } = require('./lib/report');
const { Tally, formatSummary } = require('./lib/summary');

const EXIT = { accepted: 0, failed: 1, rejected: 2 };

async function main(argv, env = process.env, io = process) {
  const say = (text) => io.stdout.write(`${text}\n`);
  const complain = (text) => io.stderr.write(`${text}\n`);
  let options;
  try {
    options = parseArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    complain(`${error.message}\n\n${USAGE}`);
    return EXIT.failed;
  }
  if (options.help) {
    say(USAGE);
    return EXIT.accepted;
  }

  let size;
  let report = null;
  try {
    const stat = await fs.promises.stat(options.file);
    if (!stat.isFile()) throw new Error(`${options.file} is not a file`);
    size = stat.size;
    if (options.report) report = await RejectedReport.open(options.report);
  } catch (error) {
    complain(`upload failed: ${error.message}`);
    return EXIT.failed;
  }

  const progress = new Progress({ totalBytes: size, stream: io.stderr });
  const aborter = new AbortController();
  const started = performance.now();
  progress.start();
  try {
    const response = await sendBatch({
      baseUrl: options.url,
      institution: options.institution,
      token: options.token,
      idempotencyKey: options.idempotencyKey,
      contentType: options.contentType,
      body: fileBody(options.file, (chunk) => progress.sent(chunk)),
      signal: aborter.signal,
    });
    if (!response.ok) {
      const text = await response.text();
      progress.stop();
      complain(describeProblem(response.status, response.statusText, text));
      return EXIT.failed;
    }
    const tally = new Tally();
    let summary = null;
    let failure = null;
    for await (const item of readAnswer(response.body)) {
      if (item.summary) {
        summary = item.summary;
        failure = item.failure ?? null;
        continue;
      }
      tally.add(item.outcome);
      progress.outcome();
      if (report && item.outcome.status !== 'accepted') await report.write(item.outcome);
    }
    progress.stop();
    if (!summary) {
      complain(
        `upload failed: the register's answer ended before its summary ` +
          `(${tally.outcomes} outcomes received: ${tally.accepted} accepted, ${tally.rejected} rejected)`,
      );
      return EXIT.failed;
    }
    say(
      formatSummary({
        file: path.basename(options.file),
        institution: options.institution,
        summary,
        tally,
        elapsedMs: performance.now() - started,
        reportFile: options.report,
      }),
    );
    if (failure) {
      complain(`upload failed after ${summary.lines} lines: ${failure}`);
      return EXIT.failed;
    }
    return summary.rejected > 0 ? EXIT.rejected : EXIT.accepted;
  } catch (error) {
    progress.stop();
    const reason =
      error instanceof AnswerError ? error.message : describeFailure(error, options.url);
    complain(`upload failed: ${reason}`);
    return EXIT.failed;
  } finally {
    aborter.abort(); // stops sending, when the register answered before reading everything
    await report?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`upload failed: ${error.stack ?? error}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}

module.exports = { main, EXIT };
