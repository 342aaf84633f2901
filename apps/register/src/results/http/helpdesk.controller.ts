import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandReplyV1 } from '@rod/contracts';
import { Authenticated } from '@rod/platform';
import { ChangeResultUseCase } from '../change-result.use-case';
import type { ResultView } from '../domain/result-views';
import { resultView } from '../domain/result-views';
import { ResultRepository } from '../persistence/result.repository';
import { fraudDecisionOn } from '../result-commands';
import { httpCommandMeta } from './http-command-meta';
import { acceptedOrProblem } from './reply-response';

/** Who acts when the helpdesk decides: never an institution code, so never an institution's reply. */
export const HELPDESK_ACTOR = 'helpdesk';

/** The register's helpdesk: the fraud reports under investigation, and its decisions. */
@ApiTags('helpdesk')
@Controller('v1/helpdesk/fraud-reports')
@Authenticated('helpdesk')
export class HelpdeskController {
  constructor(
    private readonly changeResult: ChangeResultUseCase,
    private readonly results: ResultRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The suspended results, whose fraud reports await a decision' })
  async open(): Promise<ResultView[]> {
    return (await this.results.findSuspended()).map(resultView);
  }

  @Post(':resultId/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'confirm deletes the result with reason fraud; dismiss reinstates it',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: { $ref: '#/components/schemas/FraudDecisionV1' } })
  async decide(
    @Param('resultId') resultId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<CommandReplyV1> {
    const meta = httpCommandMeta(HELPDESK_ACTOR, idempotencyKey);
    return acceptedOrProblem(
      await this.changeResult.execute(fraudDecisionOn(resultId), body, meta),
    );
  }
}
