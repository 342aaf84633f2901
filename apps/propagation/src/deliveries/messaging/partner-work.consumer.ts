import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PoisonMessageError } from '@rod/messaging';
import type { PartnerWork } from '../../ledger/ledger-messages';
import { DeliverToPartnerUseCase } from '../deliver-to-partner.use-case';
import { PARTNER_WORK_PATTERN } from './partner-work.queue';

function workOrPoison(body: unknown): PartnerWork {
  const work = body as Partial<PartnerWork> | null;
  if (
    typeof work?.resultId !== 'string' ||
    typeof work.deliveryId !== 'string' ||
    typeof work.partnerId !== 'string'
  ) {
    throw new PoisonMessageError('partner work needs resultId, deliveryId and partnerId');
  }
  return { resultId: work.resultId, deliveryId: work.deliveryId, partnerId: work.partnerId };
}

/** `propagation.partner.<id>.work`: one delivery attempt per message. */
@Controller()
export class PartnerWorkConsumer {
  private readonly logger = new Logger(PartnerWorkConsumer.name);

  constructor(private readonly deliver: DeliverToPartnerUseCase) {}

  @EventPattern(PARTNER_WORK_PATTERN)
  async onWork(@Payload() body: unknown): Promise<void> {
    const work = workOrPoison(body);
    const outcome = await this.deliver.execute(work);
    this.logger.log({ msg: 'delivery attempted', ...work, outcome });
  }
}
