import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { ExtractVerificationV1 } from '@rod/contracts';
import { ExtractVerificationRequestV1, validateMessage } from '@rod/contracts';
import { ProblemException, problemType } from '@rod/platform';
import { VerifyExtractUseCase } from '../verify/verify-extract.use-case';

const schemaRef = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });

/** `POST /v1/extracts/verify`: anyone (an employer) checks a digital extract; no token. */
@ApiTags('extracts')
@Controller('v1/extracts/verify')
export class ExtractVerificationController {
  constructor(private readonly verifyExtract: VerifyExtractUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify a digital extract: valid, revoked, suspended or invalid (with a reason)',
  })
  @ApiBody(schemaRef('ExtractVerificationRequestV1'))
  @ApiOkResponse({ description: 'The verdict', ...schemaRef('ExtractVerificationV1') })
  @ApiBadRequestResponse({ description: 'The body is not { "credential": "<vc+jwt>" }' })
  async verify(@Body() body: unknown): Promise<ExtractVerificationV1> {
    const request = validateMessage(ExtractVerificationRequestV1, body);
    if (!request.ok) {
      throw new ProblemException(
        400,
        'The verification request is not valid',
        request.errors[0]?.message ?? 'expected { "credential": "<vc+jwt>" }',
        { type: problemType('validation'), errors: request.errors },
      );
    }
    return this.verifyExtract.execute(request.value.credential);
  }
}
