import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { ExtractInfrastructureModule } from './extract-infrastructure.module';
import { ExtractVerificationController } from './http/extract-verification.controller';
import { StudentExtractsController } from './http/student-extracts.controller';
import { IssueExtractUseCase } from './issue/issue-extract.use-case';
import { VerifyExtractUseCase } from './verify/verify-extract.use-case';

/**
 * Issuing a student's digital extract (`POST /v1/me/results/{resultId}/extracts`) and
 * verifying one (`POST /v1/extracts/verify`), on the keys and status lists of the
 * extract infrastructure and the results' repository.
 */
@Module({
  imports: [ResultsModule, ExtractInfrastructureModule],
  controllers: [StudentExtractsController, ExtractVerificationController],
  providers: [IssueExtractUseCase, VerifyExtractUseCase],
})
export class ExtractsModule {}
