import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandReplyV1 } from '@rod/contracts';
import { CorrectResultV1, DeleteResultV1, ReportFraudV1 } from '@rod/contracts';
import type { Principal } from '@rod/platform';
import { Authenticated, CurrentPrincipal, ProblemException } from '@rod/platform';
import type { Response } from 'express';
import { ChangeResultUseCase } from '../change-result.use-case';
import type { DeletionImpactView, ResultView } from '../domain/result-views';
import { deletionImpactView, resultView } from '../domain/result-views';
import { ResultRepository } from '../persistence/result.repository';
import { RegisterResultUseCase } from '../register-result.use-case';
import { ResultCommands } from '../result-commands';
import { httpCommandMeta } from './http-command-meta';
import { actingInstitution } from './institution-access';
import { acceptedOrProblem } from './reply-response';

const idempotencyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description: 'The command id: the same key twice has effect once and gets the first answer.',
};
const schemaRef = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });

/** An institution's results over HTTP: the same use cases as the AMQP commands. */
@ApiTags('institution results')
@Controller('v1/institutions/:code/results')
@Authenticated('institution')
export class InstitutionResultsController {
  constructor(
    private readonly registerResult: RegisterResultUseCase,
    private readonly changeResult: ChangeResultUseCase,
    private readonly results: ResultRepository,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a result (201; 200 for a repeated Idempotency-Key)' })
  @ApiHeader(idempotencyHeader)
  @ApiBody(schemaRef('RegisterResultV1'))
  async register(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandReplyV1> {
    const meta = httpCommandMeta(actingInstitution(principal, code), idempotencyKey);
    const { reply, repeat } = await this.registerResult.execute(body, meta);
    const accepted = acceptedOrProblem(reply);
    response.status(repeat ? 200 : 201);
    if (accepted.resultId) {
      response.location(
        `/v1/institutions/${code}/results/${accepted.resultId.slice(code.length + 1)}`,
      );
    }
    return accepted;
  }

  @Get(':sequence')
  @ApiOperation({ summary: 'The result with its status and history' })
  async read(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Param('sequence') sequence: string,
  ): Promise<ResultView> {
    return resultView(await this.existing(principal, code, sequence));
  }

  @Get(':sequence/deletion-impact')
  @ApiOperation({ summary: 'The consequences a deletion would have now' })
  async deletionImpact(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Param('sequence') sequence: string,
  ): Promise<DeletionImpactView> {
    return deletionImpactView(await this.existing(principal, code, sequence));
  }

  @Patch(':sequence')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct fields of a result' })
  @ApiHeader(idempotencyHeader)
  @ApiBody(schemaRef('CorrectResultV1'))
  correct(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Param('sequence') sequence: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<CommandReplyV1> {
    return this.change(CorrectResultV1.type, principal, code, sequence, idempotencyKey, body);
  }

  @Delete(':sequence')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Delete a result; 409 with the consequences when they are irreversible and not acknowledged',
  })
  @ApiHeader(idempotencyHeader)
  @ApiBody(schemaRef('DeleteResultV1'))
  delete(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Param('sequence') sequence: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<CommandReplyV1> {
    return this.change(DeleteResultV1.type, principal, code, sequence, idempotencyKey, body);
  }

  @Post(':sequence/fraud-reports')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Report suspected fraud: the result is suspended, the helpdesk decides',
  })
  @ApiHeader(idempotencyHeader)
  @ApiBody(schemaRef('ReportFraudV1'))
  reportFraud(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Param('sequence') sequence: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: unknown,
  ): Promise<CommandReplyV1> {
    return this.change(ReportFraudV1.type, principal, code, sequence, idempotencyKey, body);
  }

  private async change(
    type: keyof typeof ResultCommands,
    principal: Principal,
    code: string,
    sequence: string,
    idempotencyKey: string | undefined,
    body: unknown,
  ): Promise<CommandReplyV1> {
    const meta = httpCommandMeta(actingInstitution(principal, code), idempotencyKey);
    const command = withPathIdentity(body, code, sequence);
    const spec = ResultCommands[type] as Parameters<ChangeResultUseCase['execute']>[0];
    return acceptedOrProblem(await this.changeResult.execute(spec, command, meta));
  }

  private async existing(principal: Principal, code: string, sequence: string) {
    actingInstitution(principal, code);
    const record = await this.results.findById(`${code}-${sequence}`);
    if (!record) {
      throw new ProblemException(
        404,
        'No such result',
        `no result ${code}-${sequence} is registered`,
        {
          type: 'https://rod.example/problems/unknown-result',
        },
      );
    }
    return record;
  }
}

/**
 * The path names the result; a body may repeat its identity but not contradict it (the
 * validator then rejects the contradiction as a wrong value, never acting on another result).
 */
function withPathIdentity(body: unknown, code: string, sequence: string): unknown {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new ProblemException(400, 'The command is not valid', 'the body must be a JSON object', {
      type: 'https://rod.example/problems/malformed-message',
      errors: [
        { code: 'malformed-message', field: null, message: 'the body must be a JSON object' },
      ],
    });
  }
  const given = body ?? {};
  const { institutionCode, resultSequence } = given as Record<string, unknown>;
  if (
    (institutionCode !== undefined && institutionCode !== code) ||
    (resultSequence !== undefined && resultSequence !== sequence)
  ) {
    throw new ProblemException(
      400,
      'The command is not valid',
      'the body names another result than the path',
      {
        type: 'https://rod.example/problems/validation',
        errors: [
          {
            code: 'validation',
            field: institutionCode !== code ? 'institutionCode' : 'resultSequence',
            message: 'the body names another result than the path',
          },
        ],
      },
    );
  }
  return { ...given, institutionCode: code, resultSequence: sequence };
}
