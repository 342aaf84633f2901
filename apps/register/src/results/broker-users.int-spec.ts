import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import type { CommandReplyV1 } from '@rod/contracts';
import { Exchanges, RoutingKeys } from '@rod/contracts';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aRegistration,
  eventually,
  startInProcess,
  testAmqpUrl,
} from '@rod/testing';
import type { ChannelModel, ConsumeMessage } from 'amqplib';
import { connect } from 'amqplib';
import { RegisterConfig } from '../config/register.config';
import { registerService } from '../register.service';

const run = promisify(execFile);
const script = resolve(__dirname, '../../../../tools/rabbitmq/institution-user.js');
const randomCode = () =>
  `${randomInt(10)}${randomInt(10)}${String.fromCharCode(65 + randomInt(26), 65 + randomInt(26))}`;

/** With REGISTER_REQUIRE_USER_ID=true, as in compose: institutions are broker users. */
describe('register: institutions as broker users (real broker and database)', () => {
  const code = randomCode();
  const password = randomUUID();
  let app: INestApplication;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let institution: ChannelModel;
  let replies: CapturedMessage[];

  beforeAll(async () => {
    const vhost = decodeURIComponent(new URL(testAmqpUrl()).pathname.slice(1));
    await run(process.execPath, [script, 'create', code, '--vhost', vhost, '--password', password]);
    issuer = await TestIssuer.create();
    ({ app } = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
      REGISTER_REQUIRE_USER_ID: true,
    }));
    probe = await BrokerProbe.connect(testAmqpUrl());
    replies = await probe.capture(Exchanges.registerReplies);
    const url = new URL(testAmqpUrl());
    url.username = `inst-${code}`;
    url.password = password;
    institution = await connect(url.toString());
  });

  afterAll(async () => {
    await institution?.close().catch(() => undefined);
    await probe?.close();
    await app?.close();
    await issuer?.dispose();
    await run(process.execPath, [script, 'delete', code]).catch(() => undefined);
  });

  const replyTo = (commandId: string) =>
    eventually(() => replies.find((r) => (r.body as CommandReplyV1).commandId === commandId), {
      what: `reply to ${commandId}`,
    });

  it('accepts a command its own broker user sends, and answers on its own reply queue', async () => {
    const channel = await institution.createConfirmChannel();
    const own = `inst-${code}.replies`;
    await channel.assertQueue(own, { durable: false, exclusive: true });
    const direct: ConsumeMessage[] = [];
    await channel.consume(own, (m) => m && direct.push(m), { noAck: true });
    const messageId = randomUUID();
    channel.publish(
      Exchanges.registerCommands,
      RoutingKeys.command(code, 'register-result'),
      Buffer.from(JSON.stringify(aRegistration(code))),
      {
        messageId,
        userId: `inst-${code}`,
        type: 'RegisterResult',
        replyTo: own,
        contentType: 'application/json',
      },
    );
    await channel.waitForConfirms();
    expect((await replyTo(messageId)).body).toMatchObject({ status: 'accepted' });
    await eventually(() => direct[0], { what: 'the direct reply' });
    await channel.close();
  });

  it.each([
    ['no user_id', undefined],
    ["another broker user's id", 'guest'],
  ])('refuses a command for the institution with %s as not-allowed', async (_name, userId) => {
    const commandId = await probe.publishJson(
      Exchanges.registerCommands,
      RoutingKeys.command(code, 'register-result'),
      aRegistration(code),
      { type: 'RegisterResult', ...(userId ? { userId } : {}) },
    );
    const reply = (await replyTo(commandId)).body as CommandReplyV1;
    expect(reply).toMatchObject({ status: 'rejected', errors: [{ code: 'not-allowed' }] });
  });

  it("refuses a reply_to that is not one of the institution's own queues", async () => {
    const channel = await institution.createConfirmChannel();
    const messageId = randomUUID();
    channel.publish(
      Exchanges.registerCommands,
      RoutingKeys.command(code, 'register-result'),
      Buffer.from(JSON.stringify(aRegistration(code))),
      {
        messageId,
        userId: `inst-${code}`,
        type: 'RegisterResult',
        replyTo: 'partner.cibg-big.inbox',
        contentType: 'application/json',
      },
    );
    await channel.waitForConfirms();
    expect(((await replyTo(messageId)).body as CommandReplyV1).errors[0]?.code).toBe('not-allowed');
    await channel.close();
  });
});
