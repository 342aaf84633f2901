import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Controller, Headers, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@rod/platform';
import { Authenticated, CurrentPrincipal, ProblemException } from '@rod/platform';
import type { Request, Response } from 'express';
import { batchFormatOf, readBatchLines } from '../batch/batch-lines';
import type { BatchLine } from '../batch/batch-lines';
import { RegisterResultUseCase } from '../register-result.use-case';
import type { BatchOutcome, BatchSummary } from './batch-outcome';
import { outcomeOf } from './batch-outcome';
import { actingInstitution } from './institution-access';
import { mapOrdered } from './map-ordered';

/** Lines registered at once: enough to keep the database busy, few enough to keep memory flat. */
export const BATCH_CONCURRENCY = 16;

/**
 * `POST /v1/institutions/{code}/results/batch`: many `register-result` commands as NDJSON
 * or CSV, read as a stream and answered as a stream of NDJSON outcomes, one per line, in
 * order, then a summary. Line n of a batch with Idempotency-Key k is the command `k:n`,
 * so uploading the same file with the same key again has effect once.
 */
@ApiTags('institution results')
@Controller('v1/institutions/:code/results/batch')
@Authenticated('institution')
export class BatchController {
  private readonly logger = new Logger(BatchController.name);

  constructor(private readonly registerResult: RegisterResultUseCase) {}

  @Post()
  @ApiOperation({ summary: 'Register many results; answers one NDJSON outcome per line' })
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiProduces('application/x-ndjson')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const institution = actingInstitution(principal, code);
    const format = batchFormatOf(request.headers['content-type']);
    if (!format) {
      throw new ProblemException(
        415,
        'Unsupported batch format',
        'send the batch as application/x-ndjson or text/csv',
      );
    }
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,160}$/.test(idempotencyKey)) {
      throw new ProblemException(
        400,
        'Invalid Idempotency-Key',
        'the key must be 1-160 visible ASCII characters',
      );
    }
    const batchId = idempotencyKey ?? randomUUID();
    response.status(200).type('application/x-ndjson');
    response.flushHeaders();

    const summary: BatchSummary = { lines: 0, accepted: 0, rejected: 0 };
    const register = async (line: BatchLine): Promise<BatchOutcome> => {
      if ('error' in line)
        return { line: line.line, status: 'rejected', resultId: null, errors: [line.error] };
      const meta = {
        commandId: `${batchId}:${line.line}`,
        correlationId: batchId,
        actingInstitution: institution,
        door: 'http' as const,
      };
      return outcomeOf(line.line, await this.registerResult.execute(line.body, meta));
    };
    try {
      for await (const outcome of mapOrdered(
        readBatchLines(request, format),
        BATCH_CONCURRENCY,
        register,
      )) {
        summary.lines++;
        summary[outcome.status]++;
        if (!response.write(`${JSON.stringify(outcome)}\n`)) await once(response, 'drain');
      }
      response.end(`${JSON.stringify({ summary })}\n`);
    } catch (error) {
      // The status line is sent already: the failure ends the stream, after what was done.
      this.logger.error({
        msg: 'batch upload failed',
        batchId,
        lines: summary.lines,
        error: String(error),
      });
      response.end(
        `${JSON.stringify({ error: 'the batch stopped: the register could not go on; lines after the last outcome were not registered', summary })}\n`,
      );
    }
    this.logger.log({ msg: 'batch uploaded', batchId, institution, ...summary });
  }
}
