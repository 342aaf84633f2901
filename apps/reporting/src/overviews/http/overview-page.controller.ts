import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@rod/platform';
import { Authenticated, CurrentPrincipal } from '@rod/platform';
import { OverviewReader } from '../overview-reader';
import { PAGE_CONTENT_SECURITY_POLICY, overviewPage } from '../render';
import { overviewNotFound, periodParam, readableInstitution } from './overview-params';

/** `GET /overviews/{period}/institutions/{code}`: the overview as a web page, rendered here. */
@ApiTags('pages')
@Controller('overviews')
export class OverviewPageController {
  constructor(private readonly reader: OverviewReader) {}

  @Get(':period/institutions/:code')
  @Authenticated('institution', 'ops')
  @ApiOperation({
    summary: "An institution's overview as a web page with charts (that institution, ops)",
  })
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', PAGE_CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'private, no-cache')
  @Header('X-Content-Type-Options', 'nosniff')
  async page(
    @CurrentPrincipal() principal: Principal,
    @Param('period') name: string,
    @Param('code') code: string,
  ): Promise<string> {
    const period = periodParam(name);
    const institution = readableInstitution(principal, code);
    const overview = await this.reader.institution(period.period, institution);
    if (!overview) throw overviewNotFound(`no overview of ${institution} for ${period.period}`);
    const api = `/v1/overviews/${period.period}/institutions/${institution}`;
    const periods = (await this.reader.periods(institution))
      .filter((p) => p.period !== period.period)
      .map((p) => ({
        period: p.period,
        href: `/overviews/${p.period}/institutions/${institution}`,
      }));
    return overviewPage(overview, { csv: `${api}?format=csv`, json: api, periods });
  }
}
