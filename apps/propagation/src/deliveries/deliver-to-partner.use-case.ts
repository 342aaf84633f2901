import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DocumentWrites, OutboxRelay, PoisonMessageError } from '@rod/messaging';
import { Model } from 'mongoose';
import { PropagationConfig } from '../config/propagation.config';
import type { AttemptOutcome, RetryPolicy } from '../ledger/domain/apply-attempt';
import { applyAttempt } from '../ledger/domain/apply-attempt';
import type { LedgerChange, LedgerEntry } from '../ledger/domain/ledger-state';
import type { PartnerWork } from '../ledger/ledger-messages';
import { ledgerMessages } from '../ledger/ledger-messages';
import type { Partner } from '../partners/domain/partner';
import { isWebhookPartner } from '../partners/domain/partner';
import { PartnerDirectory } from '../partners/partner-directory';
import { PartnerSender } from './partner-sender';
import type { PropagationResultDocument } from './persistence/propagation-result.schema';
import { PROPAGATION_RESULT_MODEL, withLedger } from './persistence/propagation-result.schema';
import { retryDelayMs } from '../transports/retry-policy';

/** `unconfirmed`: an attempt cut short by a crash, after which the result was deleted. */
export type DeliveryAttempt = AttemptOutcome['kind'] | 'not-pending' | 'unconfirmed';

/**
 * Takes one piece of a partner's work: sends the ledger entry if it is still to be sent,
 * and records the outcome with what follows from it (the next delivery released, a retry
 * through the broker, parking, events) in one write.
 */
@Injectable()
export class DeliverToPartnerUseCase {
  private readonly outboxSource: string;
  private readonly policy: RetryPolicy;
  private readonly collection: string;

  constructor(
    @InjectModel(PROPAGATION_RESULT_MODEL)
    private readonly results: Model<PropagationResultDocument>,
    private readonly relay: OutboxRelay,
    private readonly writes: DocumentWrites,
    private readonly sender: PartnerSender,
    private readonly partners: PartnerDirectory,
    @Inject(PropagationConfig) config: PropagationConfig,
  ) {
    this.outboxSource = relay.addSource(results);
    this.collection = results.collection.collectionName;
    this.policy = {
      maxAttempts: config.PROPAGATION_MAX_ATTEMPTS,
      delayMs: (attempt) => retryDelayMs(attempt, config.PROPAGATION_RETRY_BASE_MS),
    };
  }

  async execute(work: PartnerWork): Promise<DeliveryAttempt> {
    const partner = this.partner(work.partnerId);
    if (isWebhookPartner(partner)) return this.sendThenRecord(work, partner);
    // A queue partner's attempt is a publish the broker confirms in milliseconds: it is made
    // under the result's lock, so the ledger read before it is still the ledger after it
    // and is not read again. A webhook may take seconds, and must not hold up the result's
    // other partners and events meanwhile.
    return this.writes.exclusively(this.collection, work.resultId, async () => {
      const doc = await this.read(work.resultId);
      const entry = pendingEntry(doc, work);
      if (!entry) return 'not-pending';
      const outcome = await this.sender.send(partner, entry);
      await recordDespiteOutage(() => this.record(work, partner, outcome, doc));
      return outcome.kind;
    });
  }

  private async sendThenRecord(work: PartnerWork, partner: Partner): Promise<DeliveryAttempt> {
    const start = await this.writes.exclusively(this.collection, work.resultId, () =>
      this.markSending(work),
    );
    if (start === 'cut-short') {
      // An earlier attempt began and its process died before storing the outcome; the
      // result was deleted since. The partner may hold it: record it as arrived, so that
      // the deletion's consequences follow (a retraction, or an irreversible flag), rather
      // than send a deleted result again.
      await recordDespiteOutage(() =>
        this.writes.exclusively(this.collection, work.resultId, () =>
          this.record(work, partner, { kind: 'delivered' }, null),
        ),
      );
      return 'unconfirmed';
    }
    if (!start) return 'not-pending';
    const entry = start;
    const outcome = await this.sender.send(partner, entry);
    await recordDespiteOutage(() =>
      this.writes.exclusively(this.collection, work.resultId, () =>
        this.record(work, partner, outcome, null),
      ),
    );
    return outcome.kind;
  }

  /**
   * Stores that an attempt begins, before the request goes out (the caller holds the
   * result's lock). The entry to send; `cut-short` for an entry skipped by a deletion after
   * an attempt began whose outcome was never stored; null when there is nothing to send.
   */
  private async markSending(
    work: PartnerWork,
  ): Promise<(LedgerEntry & { body: string }) | 'cut-short' | null> {
    for (;;) {
      const doc = await this.read(work.resultId);
      const found = doc?.state?.entries.find((e) => e.deliveryId === work.deliveryId);
      // A stored outcome removes the mark: one still there says the attempt never ended.
      if (
        found?.status === 'skipped' &&
        found.sendingAttempt === found.attempts &&
        !found.deliveredAt
      )
        return 'cut-short';
      const entry = pendingEntry(doc, work);
      if (!doc?.state || !entry) return null;
      const sendingAttempt = entry.attempts;
      const next: PropagationResultDocument = {
        ...doc,
        state: {
          ...doc.state,
          entries: doc.state.entries.map((e) =>
            e.deliveryId === work.deliveryId ? { ...e, sendingAttempt } : e,
          ),
        },
        version: doc.version + 1,
      };
      if (await this.writes.replace(this.results, next, doc.version)) return entry;
    }
  }

  private read(resultId: string): Promise<PropagationResultDocument | null> {
    return this.results.findById(resultId).lean<PropagationResultDocument | null>().exec();
  }

  private partner(id: string): Partner {
    const partner = this.partners.get(id);
    if (!partner) throw new PoisonMessageError(`work for unknown partner ${id}`);
    return partner;
  }

  /**
   * Records an attempt's outcome, with what follows from it, in one write; the caller holds
   * the result's lock. `current` is the document if it was read under that lock.
   */
  private async record(
    work: PartnerWork,
    partner: Partner,
    outcome: AttemptOutcome,
    current: PropagationResultDocument | null,
  ): Promise<void> {
    let doc = current ?? (await this.read(work.resultId));
    for (;;) {
      if (!doc?.state) return;
      const change: LedgerChange = applyAttempt(
        doc.state,
        work.deliveryId,
        outcome,
        partner,
        this.policy,
        new Date(),
      );
      // The attempt is over: an entry skipped meanwhile must not look cut short later.
      const ended = attemptEnded(change.ledger, work.deliveryId);
      if (change.effects.length === 0 && ended === doc.state) return;
      const { ledger, messages } = ledgerMessages(
        { ...ended, emitted: doc.state.emitted },
        change.effects,
        { correlationId: work.deliveryId, causationId: work.deliveryId },
      );
      const next = withLedger(doc, ledger, messages);
      if (await this.writes.replace(this.results, next, doc.version)) {
        if (messages.length > 0)
          this.relay.notify(this.outboxSource, doc._id, next.outbox, next.version);
        return;
      }
      // Another instance wrote the result meanwhile (MongoDB): read it again.
      doc = await this.read(work.resultId);
    }
  }
}

/** Tries at recording a sent attempt's outcome: about five minutes of database outage. */
const RECORD_ATTEMPTS = 60;

/**
 * Records the outcome of an attempt that was made, trying again while the database is
 * away. Were the handler to fail instead, the work would come again and, if the result was
 * deleted meanwhile, find its entry skipped: a delivery the partner did receive would
 * never be recorded, so no retraction and no irreversible flag would follow (found by
 * `npm run chaos`, a database restart during deliveries and deletions).
 */
async function recordDespiteOutage(record: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await record();
      return;
    } catch (error) {
      if (attempt >= RECORD_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5000)));
    }
  }
}

/** The ledger without the mark of an attempt under way on `deliveryId` (itself if none). */
function attemptEnded<L extends { entries: LedgerEntry[] }>(ledger: L, deliveryId: string): L {
  const marked = ledger.entries.find(
    (e) => e.deliveryId === deliveryId && e.sendingAttempt !== undefined,
  );
  if (!marked) return ledger;
  return {
    ...ledger,
    entries: ledger.entries.map((e) => (e === marked ? { ...e, sendingAttempt: undefined } : e)),
  };
}

/** The ledger entry a piece of work names, if it is still to be sent (with its body). */
function pendingEntry(
  doc: PropagationResultDocument | null,
  work: PartnerWork,
): (LedgerEntry & { body: string }) | null {
  const entry = doc?.state?.entries.find((e) => e.deliveryId === work.deliveryId);
  // Delivered, skipped or parked meanwhile, or a duplicate of this work: nothing to send.
  if (!entry || entry.status !== 'pending' || !entry.body) return null;
  return { ...entry, body: entry.body };
}
