import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ReplayStartedV1 } from '@rod/contracts';
import { Authenticated } from '@rod/platform';
import { ReplayEventsUseCase } from '../replay-events.use-case';
import { startedOrProblem } from './replay-problems';

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Operations replay the register's stored events to a queue, to rebuild a consumer's data. */
@ApiTags('replays')
@Controller('v1/replays')
@Authenticated('ops')
export class ReplaysController {
  constructor(private readonly replays: ReplayEventsUseCase) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Replay every stored event (or those from `from` on) to an existing queue, then a ReplayCompleted marker',
  })
  @ApiBody({ schema: schemaRef('ReplayRequestV1') })
  @ApiAcceptedResponse({ schema: schemaRef('ReplayStartedV1') })
  @ApiBadRequestResponse({
    description: 'Not a valid request, or a register.* queue (problem+json)',
  })
  @ApiNotFoundResponse({ description: 'No such queue on the broker: unknown-queue (problem+json)' })
  @ApiServiceUnavailableResponse({ description: 'The broker cannot be reached (problem+json)' })
  async start(@Body() body: unknown): Promise<ReplayStartedV1> {
    return startedOrProblem(await this.replays.start(body));
  }
}
