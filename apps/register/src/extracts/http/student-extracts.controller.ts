import { Controller, Header, HttpCode, Param, Post, Req, StreamableFile } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@rod/platform';
import { Authenticated, CurrentPrincipal } from '@rod/platform';
import type { Request } from 'express';
import { ExtractKeyRing } from '../extract-ports';
import { IssueExtractUseCase } from '../issue/issue-extract.use-case';
import { extractPdf } from '../pdf/extract-pdf';
import { extractPdfInput } from './extract-pdf-input';
import { extractRefusalProblem } from './extract-problems';

/** The media type of a digital extract (VC-JOSE-COSE). */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
export const PDF_MEDIA_TYPE = 'application/pdf';

/** A student's digital extracts: the token's subject is the student's BSN or education number. */
@ApiTags('students')
@Controller('v1/me/results/:resultId/extracts')
@Authenticated('student')
export class StudentExtractsController {
  constructor(
    private readonly issueExtract: IssueExtractUseCase,
    private readonly keyRing: ExtractKeyRing,
  ) {}

  @Post()
  @HttpCode(201)
  // It carries the student's number: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @Header('Vary', 'Accept')
  @ApiOperation({
    summary: 'Issue a digital extract of one of your own registered results',
    description:
      'A W3C Verifiable Credential (data model 2.0) secured as a JWT, signed with EdDSA; verify it at POST /v1/extracts/verify or with the JWKS and the status lists. With Accept: application/pdf, the same extract as a printable PDF.',
  })
  @ApiHeader({ name: 'Accept', required: false, enum: [VC_JWT_MEDIA_TYPE, PDF_MEDIA_TYPE] })
  @ApiProduces(VC_JWT_MEDIA_TYPE, PDF_MEDIA_TYPE)
  @ApiCreatedResponse({ description: 'The extract: a compact JWT, or a PDF' })
  @ApiNotFoundResponse({ description: 'unknown-result: no result of yours with this id' })
  @ApiConflictResponse({
    description: 'invalid-state: the result is suspended or deleted; too-many-extracts',
  })
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Param('resultId') resultId: string,
    @Req() request: Request,
  ): Promise<StreamableFile> {
    // Anything but a preference for PDF (no Accept, */*, application/json) gets the JWT.
    const pdf = request.accepts([VC_JWT_MEDIA_TYPE, PDF_MEDIA_TYPE]) === PDF_MEDIA_TYPE;
    const outcome = await this.issueExtract.execute(principal.subject, resultId);
    if (outcome.kind === 'refused') throw extractRefusalProblem(outcome);
    if (pdf) {
      const document = await extractPdf(extractPdfInput(outcome, this.keyRing.issuer));
      return new StreamableFile(document, {
        type: PDF_MEDIA_TYPE,
        disposition: `inline; filename="extract-${outcome.result._id}.pdf"`,
      });
    }
    // A Buffer, so that Express adds no charset to the media type.
    return new StreamableFile(Buffer.from(outcome.credential), { type: VC_JWT_MEDIA_TYPE });
  }
}
