import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '@rod/platform';
import type { IrreversibleFlag } from '../domain/irreversible-flag';
import { ListIrreversibleDeliveriesQuery } from '../list-irreversible-deliveries.query';
import { irreversibleQuery } from './irreversible-query';
import type { RawQuery } from './query-parameters';
import { IRREVERSIBLE_FLAG_SCHEMA } from './operations.schemas';

const WHEN =
  'An ISO date (midnight in Europe/Amsterdam) or a date-time with Z or an offset; on deletedAt';

/** `GET /v1/irreversible-deliveries`: results deleted after a partner that cannot retract got them. */
@ApiTags('deliveries')
@Controller('v1/irreversible-deliveries')
@Authenticated('ops')
export class IrreversibleDeliveriesController {
  constructor(private readonly list: ListIrreversibleDeliveriesQuery) {}

  @Get()
  @ApiOperation({ summary: 'The irreversible deliveries flagged, oldest deletion first' })
  @ApiQuery({ name: 'institutionCode', required: false, example: '21PA' })
  @ApiQuery({ name: 'from', required: false, description: `${WHEN} (inclusive)` })
  @ApiQuery({ name: 'to', required: false, description: `${WHEN} (exclusive)` })
  @ApiOkResponse({ schema: { type: 'array', items: IRREVERSIBLE_FLAG_SCHEMA } })
  @ApiBadRequestResponse({ description: 'A parameter is not valid (problem+json)' })
  async flags(@Query() query: RawQuery): Promise<IrreversibleFlag[]> {
    return this.list.execute(irreversibleQuery(query));
  }
}
