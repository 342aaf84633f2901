import { Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { ReportingConfig } from '../../config/reporting.config';
import { BuildOverviewsUseCase } from '../build-overviews.use-case';
import {
  BUILD_CRON,
  BUILD_TIME_ZONE,
  lastEndedPeriod,
  periodToCatchUp,
} from '../domain/build-schedule';
import { OverviewReader } from '../overview-reader';

export const BUILD_JOB = 'build-overviews';

/**
 * Builds the period that just ended at the start of 1 May and 1 November (Amsterdam),
 * and at start-up the last ended period if that build was missed. Several instances may
 * all build: building is deterministic and each build is a new revision.
 */
@Injectable()
export class OverviewSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(OverviewSchedule.name);

  constructor(
    private readonly config: ReportingConfig,
    private readonly registry: SchedulerRegistry,
    private readonly build: BuildOverviewsUseCase,
    private readonly reader: OverviewReader,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.REPORTING_BUILD_SCHEDULE) return;
    const job = CronJob.from({
      cronTime: BUILD_CRON,
      timeZone: BUILD_TIME_ZONE,
      onTick: () => void this.buildLastEnded(),
      waitForCompletion: true,
    });
    this.registry.addCronJob(BUILD_JOB, job);
    job.start();
    this.logger.log({ msg: 'overview builds scheduled', next: job.nextDate().toISO() });
    void this.run(() => this.catchUp());
  }

  private async buildLastEnded(): Promise<void> {
    const now = new Date();
    await this.run(() => this.build.execute(lastEndedPeriod(now), now));
  }

  private async catchUp(): Promise<void> {
    const now = new Date();
    const stored = (await this.reader.periods()).find(
      (p) => p.period === lastEndedPeriod(now).period,
    );
    const due = periodToCatchUp(now, stored ?? null);
    if (due) await this.run(() => this.build.execute(due, now));
  }

  private async run(task: () => Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.logger.error({ msg: 'scheduled overview build failed', error: String(error) });
    }
  }
}
