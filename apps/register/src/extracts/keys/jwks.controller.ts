import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublicJwk } from '../extract-ports';
import { ExtractKeyRing } from '../extract-ports';

/** `GET /.well-known/jwks.json` (anyone): the public keys that digital extracts are signed with. */
@ApiTags('extracts')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keyRing: ExtractKeyRing) {}

  @Get('jwks.json')
  // Keys change only with a restart (rotation); the retired keys stay, so caching is safe.
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary:
      'The public keys (JWKS) of the extracts and status lists: the current key and retired ones',
  })
  @ApiOkResponse({ description: 'A JSON Web Key Set of Ed25519 (OKP) public keys' })
  jwks(): { keys: PublicJwk[] } {
    return this.keyRing.publicJwks();
  }
}
