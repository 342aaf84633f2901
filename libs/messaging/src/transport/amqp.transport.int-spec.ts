import { Controller, Module } from '@nestjs/common';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Exchanges, deadLetterQueue } from '@rod/contracts';
import { AmqpConnection } from '../amqp-connection';
import { AmqpContext } from './amqp.context';
import { AmqpTransport } from './amqp.transport';
import { PoisonMessageError, UNROUTABLE_PATTERN } from './message-errors';
import { RethrowRpcErrorsFilter } from './rethrow-rpc-errors.filter';
import type { CapturedMessage } from '@rod/testing';
import { BrokerProbe, eventually, testAmqpUrl, uniqueName } from '@rod/testing';

/** What the test handlers saw, shared with the test body. */
const seen = {
  ok: [] as string[],
  failures: new Map<string, number>(),
  ordered: [] as string[],
  unroutable: [] as string[],
  deliveryCounts: [] as number[],
};

@Controller()
class TestHandlers {
  @EventPattern('Ok')
  ok(@Payload() body: { id: string }): void {
    seen.ok.push(body.id);
  }

  @EventPattern('Poison')
  poison(@Payload() body: { id: string }): void {
    seen.failures.set(body.id, (seen.failures.get(body.id) ?? 0) + 1);
    throw new PoisonMessageError('cannot ever handle this');
  }

  @EventPattern('Flaky')
  flaky(@Payload() body: { id: string; failTimes: number }, @Ctx() context: AmqpContext): void {
    const failures = seen.failures.get(body.id) ?? 0;
    seen.deliveryCounts.push(context.deliveryCount);
    if (failures < body.failTimes) {
      seen.failures.set(body.id, failures + 1);
      throw new Error('database unavailable');
    }
    seen.ok.push(body.id);
  }

  @EventPattern('Ordered')
  async ordered(@Payload() body: { id: string; delayMs: number }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, body.delayMs));
    seen.ordered.push(body.id);
  }

  @EventPattern(UNROUTABLE_PATTERN)
  unroutableMessage(@Payload() body: { reason: string }): void {
    seen.unroutable.push(body.reason);
  }
}

@Module({ controllers: [TestHandlers] })
class TestModule {}

describe('AmqpTransport against the real broker', () => {
  const queue = uniqueName('test.transport');
  const routingKey = uniqueName('test-key');
  let connection: AmqpConnection;
  let service: INestMicroservice;
  let probe: BrokerProbe;

  const send = (type: string, body: unknown) =>
    probe.publishJson(Exchanges.resultsEvents, routingKey, body, { type });

  beforeAll(async () => {
    connection = new AmqpConnection(testAmqpUrl(), 'transport-test');
    service = await NestFactory.createMicroservice(TestModule, {
      logger: false,
      strategy: new AmqpTransport({
        connection,
        queues: [
          {
            declaration: { queue, bindings: [{ exchange: Exchanges.resultsEvents, routingKey }] },
            orderingKey: (body) => (body as { key?: string }).key ?? 'none',
          },
        ],
        deliveryLimit: 3,
        retryDelayMs: () => 20,
        prefetch: 20,
      }),
    });
    service.useGlobalFilters(new RethrowRpcErrorsFilter());
    await service.listen();
    probe = await BrokerProbe.connect(testAmqpUrl());
  });

  afterAll(async () => {
    await probe?.close();
    await service?.close();
    await connection?.close();
  });

  it('declares a durable quorum queue with its dead-letter queue', async () => {
    const channel = probe.channel;
    await expect(channel.checkQueue(queue)).resolves.toMatchObject({ queue });
    await expect(channel.checkQueue(deadLetterQueue(queue))).resolves.toMatchObject({
      queue: deadLetterQueue(queue),
    });
  });

  it('acks a handled message', async () => {
    await send('Ok', { id: 'handled-1' });
    await eventually(() => (seen.ok.includes('handled-1') ? true : undefined), { what: 'handled' });
    await eventually(async () => ((await probe.messageCount(queue)) === 0 ? true : undefined), {
      what: 'empty queue',
    });
  });

  it('dead-letters a poison message at once, without retrying it', async () => {
    await send('Poison', { id: 'poison-1' });
    const [dead] = await eventually(
      async () => {
        const taken = await probe.drain(deadLetterQueue(queue));
        return taken.length > 0 ? taken : undefined;
      },
      { what: 'dead letter' },
    );
    expect(dead.body).toEqual({ id: 'poison-1' });
    expect(seen.failures.get('poison-1')).toBe(1);
  });

  it('retries a failing message and handles it once the failure passes', async () => {
    await send('Flaky', { id: 'flaky-ok', failTimes: 2 });
    await eventually(() => (seen.ok.includes('flaky-ok') ? true : undefined), {
      what: 'recovered',
    });
    expect(seen.failures.get('flaky-ok')).toBe(2);
    expect(seen.deliveryCounts.slice(-3)).toEqual([0, 1, 2]);
  });

  it('dead-letters a message that keeps failing after the delivery limit, instead of looping', async () => {
    await send('Flaky', { id: 'flaky-forever', failTimes: 1_000 });
    const [dead] = await eventually(
      async () => {
        const taken = await probe.drain(deadLetterQueue(queue));
        return taken.length > 0 ? taken : undefined;
      },
      { what: 'dead letter after the limit' },
    );
    expect(dead.body).toEqual({ id: 'flaky-forever', failTimes: 1_000 });
    // Delivered once and redelivered up to the limit, then no more.
    expect(seen.failures.get('flaky-forever')).toBe(4);
  });

  it('dead-letters a non-JSON message and a message no handler takes, after telling the fallback handler', async () => {
    await probe.publishRaw(Exchanges.resultsEvents, routingKey, Buffer.from('<xml/>'), {
      type: 'Ok',
    });
    await send('NobodyHandlesThis', { id: 'x' });
    await eventually(() => (seen.unroutable.length >= 2 ? true : undefined), {
      what: 'fallback handler',
    });
    expect(seen.unroutable).toEqual(['not-json', 'no-handler']);
    // Drained as they come: a poll may find one of the two before the other is dead-lettered.
    const dead: CapturedMessage[] = [];
    const taken = await eventually(
      async () => {
        dead.push(...(await probe.drain(deadLetterQueue(queue))));
        return dead.length >= 2 ? dead : undefined;
      },
      { what: 'two dead letters' },
    );
    expect(taken.map((m) => m.raw)).toEqual(['<xml/>', '{"id":"x"}']);
  });

  it('handles messages with the same ordering key one after another, in arrival order', async () => {
    await send('Ordered', { id: 'a1', key: 'A', delayMs: 150 });
    await send('Ordered', { id: 'b1', key: 'B', delayMs: 0 });
    await send('Ordered', { id: 'a2', key: 'A', delayMs: 0 });
    await eventually(() => (seen.ordered.length === 3 ? true : undefined), {
      what: 'three handled',
    });
    expect(seen.ordered.indexOf('a1')).toBeLessThan(seen.ordered.indexOf('a2'));
    // B did not wait for A's slow first message.
    expect(seen.ordered.indexOf('b1')).toBeLessThan(seen.ordered.indexOf('a1'));
  });
});
