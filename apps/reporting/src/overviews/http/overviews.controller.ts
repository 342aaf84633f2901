import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@rod/platform';
import { Authenticated, CurrentPrincipal } from '@rod/platform';
import type { Request, Response } from 'express';
import type { BuildSummary } from '../build-overviews.use-case';
import { BuildOverviewsUseCase } from '../build-overviews.use-case';
import type { InstitutionOverview } from '../domain/overview';
import type { BuiltPeriod, StoredNationalOverview } from '../overview-reader';
import { OverviewReader } from '../overview-reader';
import { overviewCsv } from '../render';
import {
  buildablePeriod,
  overviewNotFound,
  periodParam,
  readableInstitution,
} from './overview-params';

/** The overviews as data: the periods built, the national and the institutions' overviews, building. */
@ApiTags('overviews')
@Controller('v1/overviews')
export class OverviewsController {
  constructor(
    private readonly reader: OverviewReader,
    private readonly build: BuildOverviewsUseCase,
  ) {}

  @Get()
  @Authenticated('institution', 'ops')
  @ApiOperation({
    summary: 'The periods built, newest first (an institution sees those it appears in)',
  })
  periods(@CurrentPrincipal() principal: Principal): Promise<BuiltPeriod[]> {
    const own = principal.roles.includes('ops') ? undefined : principal.institutionCode;
    return this.reader.periods(own);
  }

  @Get(':period')
  @Authenticated('ops')
  @ApiOperation({
    summary: 'The national overview: every institution side by side, highest deletion rate first',
  })
  @ApiNotFoundResponse({ description: 'The period has not been built' })
  async national(@Param('period') name: string): Promise<StoredNationalOverview> {
    const period = periodParam(name);
    const overview = await this.reader.national(period.period);
    if (!overview) throw overviewNotFound(`${period.period} has not been built`);
    return overview;
  }

  @Get(':period/institutions/:code')
  @Authenticated('institution', 'ops')
  @ApiOperation({
    summary:
      "An institution's overview: JSON, or CSV (one line per deleted result) with Accept: text/csv or ?format=csv",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiNotFoundResponse({
    description: 'The period has not been built, or the institution is not in it',
  })
  async institution(
    @CurrentPrincipal() principal: Principal,
    @Param('period') name: string,
    @Param('code') code: string,
    @Query('format') format: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InstitutionOverview | string> {
    const period = periodParam(name);
    const institution = readableInstitution(principal, code);
    const overview = await this.reader.institution(period.period, institution);
    if (!overview) throw overviewNotFound(`no overview of ${institution} for ${period.period}`);
    const wantsCsv =
      format === 'csv' ||
      (format !== 'json' && request.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!wantsCsv) return overview;
    response.type('text/csv; charset=utf-8; header=present');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="overview-${institution}-${period.period}.csv"`,
    );
    return overviewCsv(overview);
  }

  @Post(':period/build')
  @HttpCode(201)
  @Authenticated('ops')
  @ApiOperation({
    summary:
      'Build or rebuild the period now (a preview while it has not ended); the same inputs give the same overview',
  })
  @ApiCreatedResponse({ description: 'The build stored, with its revision' })
  buildNow(@Param('period') name: string): Promise<BuildSummary> {
    const now = new Date();
    return this.build.execute(buildablePeriod(name, now), now);
  }
}
