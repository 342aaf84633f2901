import { PropagationQueues } from '@rod/contracts';
import type { OutgoingMessage } from '@rod/messaging';
import { createEnvelope, eventMessage, jsonMessage } from '@rod/messaging';
import type { LedgerEffect, LedgerEntry, ResultLedger } from './domain/ledger-state';

/** What the partner worker takes from a partner's work queue: which entry to send. */
export interface PartnerWork {
  resultId: string;
  deliveryId: string;
  partnerId: string;
}

/** A ledger as stored: with the count of events propagation emitted for the result. */
export type StoredLedger = ResultLedger & { emitted?: number };

/** The retry delay queue a wanted delay goes to: the shortest that waits at least as long. */
export function retryDelaySeconds(delayMs: number): number {
  const delays = PropagationQueues.retryDelaysSeconds;
  return delays.find((seconds) => seconds * 1000 >= delayMs) ?? delays[delays.length - 1];
}

const work = (entry: LedgerEntry, resultId: string): PartnerWork => ({
  resultId,
  deliveryId: entry.deliveryId,
  partnerId: entry.partnerId,
});

/**
 * Turns a ledger change's effects into the messages stored in the same write: work for a
 * partner's queue, a retry through a delay queue, a parked notice (no personal data: it
 * is read in the management UI), and propagation's events, numbered per result.
 */
export function ledgerMessages(
  ledger: StoredLedger,
  effects: LedgerEffect[],
  cause: { correlationId: string; causationId: string },
): { ledger: StoredLedger; messages: OutgoingMessage[] } {
  const { correlationId, causationId } = cause;
  let emitted = ledger.emitted ?? 0;
  const messages = effects.map((effect): OutgoingMessage => {
    switch (effect.kind) {
      case 'send':
        return jsonMessage(
          '',
          PropagationQueues.work(effect.entry.partnerId),
          'PartnerWork',
          work(effect.entry, ledger.resultId),
          correlationId,
        );
      case 'retry-later':
        return jsonMessage(
          PropagationQueues.retry(retryDelaySeconds(effect.delayMs)),
          PropagationQueues.work(effect.entry.partnerId),
          'PartnerWork',
          work(effect.entry, ledger.resultId),
          correlationId,
        );
      case 'park':
        return jsonMessage(
          '',
          PropagationQueues.parked(effect.entry.partnerId),
          'ParkedDelivery',
          {
            ...work(effect.entry, ledger.resultId),
            kind: effect.entry.kind,
            attempts: effect.entry.attempts,
            lastError: effect.entry.lastError ?? null,
            retry: `POST /v1/deliveries/${effect.entry.deliveryId}/retry`,
          },
          correlationId,
        );
      case 'event':
        emitted += 1;
        return eventMessage(
          createEnvelope({
            type: effect.type,
            producer: 'propagation',
            correlationId,
            causationId,
            resultId: ledger.resultId,
            institutionCode: ledger.institutionCode,
            sequence: emitted,
            data: effect.data,
          }),
        );
    }
  });
  return { ledger: { ...ledger, emitted }, messages };
}
