import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { getModelToken } from '@nestjs/mongoose';
import { connect } from 'amqplib';
import type { Model } from 'mongoose';
import { AppModule } from '../app.module';
import { BuildOverviewsUseCase } from '../overviews/build-overviews.use-case';
import type { ResultFactsDocument } from '../results/persistence/result-facts.schema';
import { RESULT_FACTS_MODEL } from '../results/persistence/result-facts.schema';
import { RecordResultEventUseCase } from '../results/record-result-event.use-case';
import { RecordFlagUseCase } from '../flags/record-flag.use-case';
import { flagFromListing } from './listed-flag';
import { OpsClient } from './ops-client';
import { RebuildReadModel } from './rebuild-read-model';
import { loadRebuildConfig } from './rebuild.config';
import { periodsToRebuild } from './rebuild-periods';

const USAGE = `usage: reporting:rebuild [--from <date>] [--periods 2026-05,2026-11]

Rebuilds reporting's read model from the register's history (a replay) and propagation's
irreversible deliveries, then builds the overviews again. Settings: the service's own
(MONGO_URL, AMQP_URL, …), REGISTER_URL, PROPAGATION_URL and ROD_OPS_TOKEN (a bearer token
with the role ops).`;

/** `npm run reporting:rebuild`: see USAGE. Prints one JSON line with what it did. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, periods: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const config = loadRebuildConfig();
  const ops = new OpsClient({
    registerUrl: config.REGISTER_URL,
    propagationUrl: config.PROPAGATION_URL,
    token: config.ROD_OPS_TOKEN,
  });

  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  const broker = await connect(config.AMQP_URL);
  try {
    const record = app.get(RecordResultEventUseCase);
    const flags = app.get(RecordFlagUseCase);
    const rebuild = new RebuildReadModel(
      broker,
      ops,
      (event) => record.execute(event),
      (flag) => flags.execute(flagFromListing(flag)),
    );
    const readModel = await rebuild.run({ from: values.from });

    const results = app.get<Model<ResultFactsDocument>>(getModelToken(RESULT_FACTS_MODEL));
    const earliest = await results
      .findOne({ state: { $ne: null } }, { 'state.registeredAt': 1 })
      .sort({ 'state.registeredAt': 1 })
      .lean<Pick<ResultFactsDocument, 'state'> | null>();
    const now = new Date();
    const build = app.get(BuildOverviewsUseCase);
    const overviews = [];
    for (const period of periodsToRebuild(
      values.periods?.split(',').filter(Boolean) ?? [],
      earliest?.state?.registeredAt ?? null,
      now,
    )) {
      overviews.push(await build.execute(period, now));
    }
    process.stdout.write(`${JSON.stringify({ readModel, overviews })}\n`);
  } finally {
    await broker.close().catch(() => undefined);
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `reporting:rebuild: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
