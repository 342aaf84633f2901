import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '@rod/platform';
import { DeliveryStatuses } from '../../ledger/domain/ledger-state';
import type { LedgerLine } from '../domain/ledger-line';
import { ListDeliveriesQuery } from '../list-deliveries.query';
import { RetryDeliveryUseCase } from '../retry-delivery.use-case';
import { DEFAULT_LIMIT, MAX_LIMIT, deliveriesQuery } from './deliveries-query';
import type { RawQuery } from './query-parameters';
import { LEDGER_LINE_SCHEMA } from './operations.schemas';

/** The delivery ledger for operations: `GET /v1/deliveries` and retrying a parked delivery. */
@ApiTags('deliveries')
@Controller('v1/deliveries')
@Authenticated('ops')
export class DeliveriesController {
  constructor(
    private readonly list: ListDeliveriesQuery,
    private readonly retryDelivery: RetryDeliveryUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The delivery ledger, newest change first (never a delivery body)' })
  @ApiQuery({ name: 'resultId', required: false })
  @ApiQuery({ name: 'partnerId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: [...DeliveryStatuses] })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
  })
  @ApiOkResponse({ schema: { type: 'array', items: LEDGER_LINE_SCHEMA } })
  @ApiBadRequestResponse({ description: 'A parameter is not valid (problem+json)' })
  async deliveries(@Query() query: RawQuery): Promise<LedgerLine[]> {
    return this.list.execute(deliveriesQuery(query));
  }

  @Post(':deliveryId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Retry a parked delivery: fresh attempts, sent again by the worker' })
  @ApiAcceptedResponse({ schema: LEDGER_LINE_SCHEMA })
  @ApiNotFoundResponse({ description: 'No such delivery (problem+json)' })
  @ApiConflictResponse({ description: 'The delivery is not parked (problem+json)' })
  async retry(@Param('deliveryId') deliveryId: string): Promise<LedgerLine> {
    return this.retryDelivery.execute(deliveryId);
  }
}
