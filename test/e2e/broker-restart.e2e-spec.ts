import { randomUUID } from 'node:crypto';
import { Exchanges, Queues, RoutingKeys, deadLetterQueue } from '@rod/contracts';
import type { CapturedMessage, RunningService } from '@rod/testing';
import {
  BrokerProbe,
  SERVICES,
  TestIssuer,
  eventually,
  restartBroker,
  startServiceProcess,
  stopServiceProcess,
  testAmqpUrl,
  testMongoUrl,
  uniqueName,
} from '@rod/testing';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { connect } from 'amqplib';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';

const COMMANDS = 150;

/**
 * An institution back-end as it should be written: it keeps a command until the broker
 * confirms it, reconnecting as often as it takes, and sends it again with the same
 * message_id (the register's idempotency makes that safe).
 */
class PersistentSender {
  private connection?: ChannelModel;
  private channel?: ConfirmChannel;

  async send(routingKey: string, body: unknown, messageId: string): Promise<void> {
    for (;;) {
      try {
        const channel = await this.open();
        channel.publish(Exchanges.registerCommands, routingKey, Buffer.from(JSON.stringify(body)), {
          messageId,
          type: 'RegisterResult',
          contentType: 'application/json',
          persistent: true,
          timestamp: Math.floor(Date.now() / 1000),
        });
        await channel.waitForConfirms();
        return;
      } catch {
        this.channel = undefined;
        await this.connection?.close().catch(() => undefined);
        this.connection = undefined;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  }

  private async open(): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    this.connection = await connect(testAmqpUrl());
    this.connection.on('error', () => undefined);
    this.channel = await this.connection.createConfirmChannel();
    this.channel.on('error', () => undefined);
    return this.channel;
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
  }
}

describe('a RabbitMQ restart in the middle of a run', () => {
  let services: RunningService[] = [];
  let issuer: TestIssuer;
  let reporting: Connection;
  const repliesQueue = uniqueName('test.replies');

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    services = await Promise.all(SERVICES.map((name) => startServiceProcess(name, issuer.env())));
    const setup = await BrokerProbe.connect(testAmqpUrl());
    // Durable, so replies published while we are reconnecting wait for us.
    await setup.channel.assertQueue(repliesQueue, {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    });
    await setup.channel.bindQueue(
      repliesQueue,
      Exchanges.registerReplies,
      RoutingKeys.institutionReplies('30RS'),
    );
    await setup.close();
    const reportingService = services.find((s) => s.name === 'reporting')!;
    reporting = await createConnection(testMongoUrl(), {
      dbName: reportingService.database,
    }).asPromise();
  });

  afterAll(async () => {
    await reporting?.close();
    const endings = await Promise.all(services.map(stopServiceProcess));
    for (const ending of endings) expect([0, 'SIGTERM']).toContain(ending);
    await issuer?.dispose();
  });

  it('loses nothing: every command accepted, delivered to the partner once, and counted', async () => {
    const run = randomUUID().slice(0, 6).toUpperCase();
    const commands = Array.from({ length: COMMANDS }, (_, i) => ({
      messageId: `restart-${run}-${i}`,
      body: {
        institutionCode: '30RS',
        resultSequence: `RS${run}${i}`,
        person: { bsn: '123456782' },
        programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
      },
    }));
    const resultIds = new Set(commands.map((c) => `30RS-${c.body.resultSequence}`));

    const sender = new PersistentSender();
    const sending = (async () => {
      for (const command of commands) {
        await sender.send(
          RoutingKeys.command('30RS', 'register-result'),
          command.body,
          command.messageId,
        );
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 800));
    await restartBroker(testAmqpUrl());
    await sending;
    await sender.close();

    const probe = await BrokerProbe.connect(testAmqpUrl());
    try {
      const replies: CapturedMessage[] = [];
      const accepted = await eventually(
        async () => {
          replies.push(...(await probe.drain(repliesQueue)));
          const ids = new Set(
            replies
              .map((r) => r.body as { commandId: string; status: string })
              .filter((r) => r.status === 'accepted')
              .map((r) => r.commandId),
          );
          return commands.every((c) => ids.has(c.messageId)) ? ids : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 500, what: 'an accepted reply to every command' },
      );
      expect(accepted.size).toBe(COMMANDS);

      const deliveries: CapturedMessage[] = [];
      await eventually(
        async () => {
          deliveries.push(...(await probe.drain(Queues.partnerInbox('mijnoverheid'))));
          const delivered = new Set(
            deliveries.map((d) => (d.body as { resultId: string }).resultId),
          );
          return [...resultIds].every((id) => delivered.has(id)) ? true : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 500, what: 'a partner delivery of every result' },
      );
      const ours = deliveries.filter((d) =>
        resultIds.has((d.body as { resultId: string }).resultId),
      );
      const deliveryIds = new Map<string, Set<string>>();
      for (const d of ours) {
        const { resultId, deliveryId } = d.body as { resultId: string; deliveryId: string };
        deliveryIds.set(resultId, (deliveryIds.get(resultId) ?? new Set()).add(deliveryId));
      }
      // At least once at the partner, and always under one delivery id per result.
      expect([...deliveryIds.values()].every((ids) => ids.size === 1)).toBe(true);

      const counted = await eventually(
        async () => {
          const n = await reporting
            .collection('results')
            .countDocuments({ _id: { $in: [...resultIds] as never[] } });
          return n === COMMANDS ? n : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'reporting to count every result' },
      );
      expect(counted).toBe(COMMANDS);

      for (const queue of [
        Queues.registerCommands,
        Queues.propagationResultEvents,
        Queues.reportingResultEvents,
      ]) {
        expect(await probe.messageCount(deadLetterQueue(queue))).toBe(0);
      }
    } finally {
      await probe.close();
    }
  });
});
