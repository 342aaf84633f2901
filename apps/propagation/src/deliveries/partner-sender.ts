import { Injectable } from '@nestjs/common';
import { Exchanges, RoutingKeys } from '@rod/contracts';
import { AmqpPublisher } from '@rod/messaging';
import type { AttemptOutcome } from '../ledger/domain/apply-attempt';
import type { LedgerEntry } from '../ledger/domain/ledger-state';
import type { Partner } from '../partners/domain/partner';
import { isWebhookPartner } from '../partners/domain/partner';
import { sendWebhook } from '../transports/send-webhook';

/** Makes one attempt to hand a ledger entry to its partner, by the partner's transport. */
@Injectable()
export class PartnerSender {
  constructor(private readonly publisher: AmqpPublisher) {}

  async send(partner: Partner, entry: LedgerEntry & { body: string }): Promise<AttemptOutcome> {
    if (isWebhookPartner(partner)) return sendWebhook(partner, entry.body, entry.deliveryId);
    return this.toQueue(partner, entry);
  }

  /** A queue partner: published to partners.outbound and confirmed by the broker. */
  private async toQueue(
    partner: Partner,
    entry: LedgerEntry & { body: string },
  ): Promise<AttemptOutcome> {
    try {
      await this.publisher.publish({
        exchange: Exchanges.partnersOutbound,
        routingKey: RoutingKeys.partner(partner.id),
        payload: entry.body,
        messageId: entry.deliveryId,
        type: 'PartnerDelivery',
        timestamp: Math.floor(Date.now() / 1000),
      });
      return { kind: 'delivered' };
    } catch (error) {
      return {
        kind: 'retry',
        reason: `broker: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
}
