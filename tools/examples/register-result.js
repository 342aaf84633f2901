#!/usr/bin/env node
// Sends one register-result the way an institution back-end does, with plain amqplib,
// and prints the register's reply:
//
//   node tools/examples/register-result.js [resultSequence] [institutionCode]
//
// AMQP_URL defaults to the local broker (amqp://guest:guest@127.0.0.1:5672).
'use strict';
const { randomUUID } = require('node:crypto');
const amqp = require('amqplib');

const url = process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';
const resultSequence = process.argv[2] || `${Date.now()}`.slice(-10);
const institutionCode = process.argv[3] || '21PA';

async function main() {
  const connection = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  const { queue: replyTo } = await channel.assertQueue('', { exclusive: true });
  const reply = new Promise((resolve) =>
    channel.consume(replyTo, (msg) => resolve(JSON.parse(msg.content.toString())), { noAck: true }),
  );

  const command = {
    institutionCode,
    resultSequence,
    person: { bsn: '123456782' },
    programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    examDate: '2026-07-03',
    studyMode: 'full-time',
  };
  channel.publish(
    'register.commands',
    `institution.${institutionCode}.register-result`,
    Buffer.from(JSON.stringify(command)),
    {
      messageId: randomUUID(),
      type: 'RegisterResult',
      contentType: 'application/json',
      persistent: true,
      timestamp: Math.floor(Date.now() / 1000),
      replyTo,
    },
  );
  await channel.waitForConfirms();

  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('no reply within 10 s: is the register running?')), 10_000),
  );
  console.log(JSON.stringify(await Promise.race([reply, timeout]), null, 2));
  await connection.close();
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
