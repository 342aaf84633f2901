import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@rod/platform';
import { DELIVERY_COUNTS } from '../delivery-counts.port';
import type { DeliveryCounts } from '../delivery-counts.port';
import { PartnerDirectory } from '../partner-directory';
import type { PartnerListing } from './partner-listing';
import { partnerListing } from './partner-listing';
import { PARTNER_LISTING_SCHEMA } from './partner-listing.schema';

/** `GET /v1/partners`: the configured partners, secrets hidden, with their delivery counts. */
@ApiTags('partners')
@Controller('v1/partners')
@Authenticated('ops')
export class PartnersController {
  constructor(
    private readonly directory: PartnerDirectory,
    // Absent until a delivery ledger is bound under DELIVERY_COUNTS: then no counts are shown.
    @Optional() @Inject(DELIVERY_COUNTS) private readonly counts?: DeliveryCounts,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The configured partners, with their deliveries counted by status' })
  @ApiOkResponse({ schema: PARTNER_LISTING_SCHEMA })
  async list(): Promise<PartnerListing[]> {
    return partnerListing(this.directory.publicView(), await this.counts?.countsByPartner());
  }
}
