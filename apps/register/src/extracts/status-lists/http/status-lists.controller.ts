import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemException, problemType } from '@rod/platform';
import type { Response } from 'express';
import { parseStatusListId } from '../domain/status-list-id';
import { noneMatchHits } from '../domain/etag';
import { STATUS_LIST_MAX_AGE_SECONDS, StatusListCredentials } from '../status-list-credentials';

const CACHE_CONTROL = `public, max-age=${STATUS_LIST_MAX_AGE_SECONDS}`;

/** `GET /v1/status-lists/{listId}` (anyone): a Bitstring Status List credential as a VC-JWT. */
@ApiTags('extracts')
@Controller('v1/status-lists')
export class StatusListsController {
  constructor(private readonly credentials: StatusListCredentials) {}

  @Get(':listId')
  @ApiOperation({
    summary:
      'A status list credential (W3C Bitstring Status List, VC-JWT signed with a key of /.well-known/jwks.json)',
  })
  @ApiParam({ name: 'listId', description: '`<listNumber>-<purpose>`, e.g. `1-revocation`' })
  @ApiOkResponse({
    description: 'The credential as a compact JWT',
    content: { 'application/vc+jwt': { schema: { type: 'string' } } },
  })
  @ApiNotModifiedResponse({ description: 'If-None-Match names the current ETag' })
  @ApiNotFoundResponse({ description: 'No such list: unknown-status-list (problem+json)' })
  async get(
    @Param('listId') listId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const ref = parseStatusListId(listId);
    const signed = ref ? await this.credentials.get(ref) : null;
    if (!signed) {
      throw new ProblemException(404, 'Unknown status list', `No status list ${listId} exists.`, {
        type: problemType('unknown-status-list'),
      });
    }
    response.setHeader('Cache-Control', CACHE_CONTROL);
    response.setHeader('ETag', signed.etag);
    if (noneMatchHits(ifNoneMatch, signed.etag)) {
      response.status(304).end();
      return;
    }
    // A Buffer, so that Express adds no charset to the media type.
    response.status(200).type('application/vc+jwt').send(Buffer.from(signed.jwt));
  }
}
