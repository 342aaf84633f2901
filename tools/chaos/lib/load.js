'use strict';
// The steady load of a chaos run and its ground truth: every command sent and the reply it
// got, per result. Each result follows a small story (register, maybe correct, maybe an
// extract, then keep, delete, delete after a partner that cannot retract has it, or a fraud
// report), told one command after another, many results side by side.
const { HEALTHCARE_CODES } = require('./partners');
const { testBsn } = require('./random');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const PROGRAMMES = [
  { crohoCode: HEALTHCARE_CODES[0], level: 'HBO', examType: 'bachelor' },
  { crohoCode: HEALTHCARE_CODES[1], level: 'WO', examType: 'master' },
  { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
  { crohoCode: '56980', level: 'WO', examType: 'bachelor' },
  { crohoCode: '30001', level: 'HBO', examType: 'associate-degree' },
];
const STUDY_MODES = ['full-time', 'part-time', 'dual'];
const REASONS = [
  'administrative-error',
  'registered-too-early',
  'student-request-extra-courses',
  'student-request-grade-improvement',
  'duplicate',
];

function isoDateDaysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

class Load {
  constructor({ client, http, random, institutions, log, partners }) {
    this.client = client;
    this.http = http;
    this.random = random;
    this.institutions = institutions;
    this.log = log;
    this.partners = partners;
    /** resultId → the ground truth of one result */
    this.results = new Map();
    this.stories = new Set();
    this.sequence = 0;
    this.commands = { sent: 0, accepted: 0, rejected: 0, republished: 0 };
    this.unexpectedRejections = [];
    this.extractFailures = 0;
  }

  /** Starts a new result's story every `intervalMs` until `until()` says stop. */
  async run({ intervalMs, until }) {
    while (!until()) {
      const story = this.story().catch((error) => {
        this.log(`a story failed: ${error.message}`);
      });
      this.stories.add(story);
      void story.finally(() => this.stories.delete(story));
      await sleep(intervalMs);
    }
    await Promise.all([...this.stories]);
  }

  async command(truth, type, verb, body) {
    this.commands.sent += 1;
    const { commandId, reply, sends } = await this.client.send(type, verb, body);
    if (sends > 1) this.commands.republished += sends - 1;
    const accepted = reply.status === 'accepted';
    truth.commands.push({ commandId, type, status: reply.status });
    if (accepted) this.commands.accepted += 1;
    else {
      this.commands.rejected += 1;
      this.unexpectedRejections.push({
        type,
        resultId: truth.resultId,
        codes: (reply.errors || []).map((e) => e.code),
      });
    }
    return accepted;
  }

  async story() {
    const r = this.random;
    const institutionCode = r.pick(this.institutions);
    this.sequence += 1;
    const resultSequence = `C${Date.now().toString(36)}${this.sequence}`.slice(0, 20);
    const resultId = `${institutionCode}-${resultSequence}`;
    const programme = r.pick(PROGRAMMES);
    const bsn = testBsn(r);
    const truth = {
      resultId,
      institutionCode,
      resultSequence,
      programme,
      bsn,
      registered: false,
      corrections: [],
      studyMode: r.pick(STUDY_MODES),
      deleted: false,
      deletedAfterHeld: false,
      suspended: false,
      extracts: [],
      commands: [],
    };
    this.results.set(resultId, truth);
    const base = { institutionCode, resultSequence };
    truth.registered = await this.command(truth, 'RegisterResult', 'register-result', {
      ...base,
      person: { bsn },
      programme,
      examDate: isoDateDaysAgo(1 + r.int(30)),
      studyMode: truth.studyMode,
    });
    if (!truth.registered) return;

    const corrections = r.chance(0.35) ? 1 + r.int(2) : 0;
    for (let i = 0; i < corrections; i++) {
      const studyMode = STUDY_MODES[(STUDY_MODES.indexOf(truth.studyMode) + 1) % 3];
      if (await this.command(truth, 'CorrectResult', 'correct-result', { ...base, studyMode })) {
        truth.studyMode = studyMode;
        truth.corrections.push(studyMode);
      }
    }

    if (r.chance(0.25)) await this.issueExtract(truth);

    const ending = r.next();
    if (ending < 0.2) {
      await this.delete(truth, base);
    } else if (ending < 0.45) {
      const holder = this.partners.find((p) => !p.partner.canRetract && p.matches(programme));
      if (holder) {
        await this.waitForDelivery(holder, resultId, 60_000);
        truth.deletedAfterHeld = true;
      }
      await this.delete(truth, base);
    } else if (ending < 0.6) {
      truth.suspended = await this.command(truth, 'ReportFraud', 'report-fraud', {
        ...base,
        explanation: 'Chaos run: the exam board doubts this result.',
      });
    }
  }

  async delete(truth, base) {
    truth.deleted = await this.command(truth, 'DeleteResult', 'delete-result', {
      ...base,
      reason: this.random.pick(REASONS),
      acknowledgeIrreversible: true,
    });
  }

  async waitForDelivery(receiver, resultId, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const delivery of receiver.received.values()) {
        if (delivery.resultId === resultId) return true;
      }
      await sleep(500);
    }
    return false;
  }

  /** A student's extract through the HTTP API, tried again while the register is away. */
  async issueExtract(truth) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const answer = await this.http.issueExtract(truth.bsn, truth.resultId);
      if (answer.status === 201) {
        truth.extracts.push(answer.credential);
        return;
      }
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) break;
      await sleep(1000);
    }
    this.extractFailures += 1;
  }
}

module.exports = { Load, PROGRAMMES };
