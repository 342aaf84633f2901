import { Controller, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Exchanges, deadLetterQueue } from '@rod/contracts';
import { AmqpConnection } from '../amqp-connection';
import type { AmqpContext } from './amqp.context';
import { AmqpTransport } from './amqp.transport';
import { RethrowRpcErrorsFilter } from './rethrow-rpc-errors.filter';
import { StorageGate } from './storage-gate';
import { BrokerProbe, eventually, testAmqpUrl, uniqueName } from '@rod/testing';

/** A stand-in for the database: the handler fails while it is "down". */
const database = { up: true };
const seen = { handled: [] as string[], attempts: 0, deliveryCounts: [] as number[] };

@Controller()
class StoringHandlers {
  @EventPattern('Store')
  store(@Payload() body: { id: string }, @Ctx() context: AmqpContext): void {
    seen.attempts += 1;
    seen.deliveryCounts.push(context.deliveryCount);
    if (!database.up) throw new Error('connection refused');
    seen.handled.push(body.id);
  }
}

@Module({ controllers: [StoringHandlers] })
class StoringModule {}

describe('consumers while the database is away', () => {
  const queue = uniqueName('test.outage');
  const routingKey = uniqueName('test-outage-key');
  const gate = new StorageGate();
  gate.setProbe(() => Promise.resolve(database.up));
  let connection: AmqpConnection;
  let service: INestMicroservice;
  let probe: BrokerProbe;

  const send = (id: string) =>
    probe.publishJson(Exchanges.resultsEvents, routingKey, { id }, { type: 'Store' });

  beforeAll(async () => {
    connection = new AmqpConnection(testAmqpUrl(), 'outage-test');
    const transport = new AmqpTransport({
      connection,
      queues: [
        { declaration: { queue, bindings: [{ exchange: Exchanges.resultsEvents, routingKey }] } },
      ],
      // A delivery limit this low would dead-letter every message of an outage if the
      // outage counted as failed deliveries.
      deliveryLimit: 2,
      retryDelayMs: () => 20,
      storagePollMs: 100,
    });
    transport.useStorageGate(gate);
    service = await NestFactory.createMicroservice(StoringModule, {
      logger: false,
      strategy: transport,
    });
    service.useGlobalFilters(new RethrowRpcErrorsFilter());
    await service.listen();
    probe = await BrokerProbe.connect(testAmqpUrl());
  });

  afterAll(async () => {
    database.up = true;
    await probe?.close();
    await service?.close();
    await connection?.close();
  });

  it('pauses, holds its messages without acking or dead-lettering them, and catches up when the database is back', async () => {
    database.up = false;
    await send('held-0');
    await eventually(() => (seen.attempts === 1 ? true : undefined), {
      what: 'the first message to fail',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 1; i < 5; i++) await send(`held-${i}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // The failure paused consuming: the later messages wait in the queue, not taken (a
    // quorum queue still counts the cancelled consumer while it holds the first one).
    expect(await probe.messageCount(queue)).toBe(4);
    // No hot loop: the held message is not tried again while the database is away.
    expect(seen.attempts).toBe(1);
    expect(seen.handled).toEqual([]);
    expect(await probe.messageCount(deadLetterQueue(queue))).toBe(0);

    database.up = true;
    await eventually(() => (seen.handled.length === 5 ? true : undefined), {
      what: 'every held message handled',
    });
    expect([...seen.handled].sort()).toEqual([0, 1, 2, 3, 4].map((i) => `held-${i}`));
    await eventually(async () => ((await probe.messageCount(queue)) === 0 ? true : undefined), {
      what: 'the queue to be empty',
    });
    // The outage cost no redelivery: every message came once and was handled in hand.
    expect(seen.deliveryCounts.every((count) => count === 0)).toBe(true);
    expect(await probe.messageCount(deadLetterQueue(queue))).toBe(0);

    await send('after');
    await eventually(() => (seen.handled.includes('after') ? true : undefined), {
      what: 'a new message handled after the outage',
    });
  });
});
