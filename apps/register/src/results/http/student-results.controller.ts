import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@rod/platform';
import { Authenticated, CurrentPrincipal } from '@rod/platform';
import type { StudentResultView } from '../domain/result-views';
import { studentResultView } from '../domain/result-views';
import { ResultRepository } from '../persistence/result.repository';

/** A student's own results: the token's subject is the student's BSN or education number. */
@ApiTags('students')
@Controller('v1/me/results')
@Authenticated('student')
export class StudentResultsController {
  constructor(private readonly results: ResultRepository) {}

  @Get()
  @ApiOperation({ summary: "The student's own results" })
  async mine(@CurrentPrincipal() principal: Principal): Promise<StudentResultView[]> {
    return (await this.results.findByPersonNumber(principal.subject)).map(studentResultView);
  }
}
