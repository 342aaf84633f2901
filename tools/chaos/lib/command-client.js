'use strict';
// The institutions' side of the broker: publishes commands (with confirms) and collects
// the register's replies. Reconnects by itself after a broker restart; a command whose
// reply does not come in time is published again with the same message_id (the
// register's idempotency key), so an outage never makes the driver lose track.
const crypto = require('node:crypto');

const REPLY_QUEUE = 'chaos.replies';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class CommandClient {
  constructor(url, { log, replyTimeoutMs = 30_000 }) {
    this.url = url;
    this.log = log;
    this.replyTimeoutMs = replyTimeoutMs;
    this.channel = null;
    this.connection = null;
    this.closed = false;
    /** commandId → { resolve, promise, sends } */
    this.waiting = new Map();
    this.replies = new Map();
    this.republished = 0;
    this.strayReplies = 0;
  }

  async connect() {
    const amqp = require('amqplib');
    while (!this.closed) {
      try {
        const connection = await amqp.connect(this.url, { timeout: 5000 });
        connection.on('error', () => undefined);
        const channel = await connection.createConfirmChannel();
        channel.on('error', () => undefined);
        await channel.assertQueue(REPLY_QUEUE, { durable: true });
        await channel.bindQueue(REPLY_QUEUE, 'register.replies', 'institution.#');
        await channel.consume(REPLY_QUEUE, (msg) => {
          if (!msg) return;
          this.onReply(msg.content);
          channel.ack(msg);
        });
        connection.once('close', () => {
          if (this.connection !== connection) return;
          this.connection = null;
          this.channel = null;
          if (!this.closed) void this.connect();
        });
        this.connection = connection;
        this.channel = channel;
        return;
      } catch {
        await sleep(1000);
      }
    }
  }

  onReply(content) {
    let reply;
    try {
      reply = JSON.parse(content.toString('utf8'));
    } catch {
      return;
    }
    const waiter = this.waiting.get(reply.commandId);
    if (!waiter) {
      if (!this.replies.has(reply.commandId)) this.strayReplies += 1;
      return;
    }
    this.waiting.delete(reply.commandId);
    this.replies.set(reply.commandId, reply);
    waiter.resolve(reply);
  }

  /** Publishes raw bytes (for poison messages); true when the broker confirmed them. */
  async publishRaw(exchange, routingKey, content, properties = {}) {
    for (let attempt = 0; attempt < 60 && !this.closed; attempt++) {
      const channel = this.channel;
      if (channel) {
        try {
          await new Promise((resolve, reject) => {
            channel.publish(
              exchange,
              routingKey,
              content,
              { persistent: true, contentType: 'application/json', ...properties },
              (err) => (err ? reject(err) : resolve()),
            );
          });
          return true;
        } catch {
          // the channel died with the broker: try again on the next one
        }
      }
      await sleep(1000);
    }
    return false;
  }

  /**
   * Sends a command and resolves with its reply, publishing it again under the same
   * message_id until one comes. `type`: RegisterResult, CorrectResult, DeleteResult, ReportFraud.
   */
  async send(type, routingVerb, body) {
    const commandId = crypto.randomUUID();
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    const waiter = { resolve, promise, sends: 0 };
    this.waiting.set(commandId, waiter);
    const routingKey = `institution.${body.institutionCode}.${routingVerb}`;
    const content = Buffer.from(JSON.stringify(body));
    for (;;) {
      if (this.closed) throw new Error('client closed');
      waiter.sends += 1;
      if (waiter.sends > 1) this.republished += 1;
      await this.publishRaw('register.commands', routingKey, content, {
        messageId: commandId,
        type,
        timestamp: Math.floor(Date.now() / 1000),
        correlationId: commandId,
      });
      const reply = await Promise.race([promise, sleep(this.replyTimeoutMs).then(() => null)]);
      if (reply) return { commandId, reply, sends: waiter.sends };
    }
  }

  async close() {
    this.closed = true;
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.close().catch(() => undefined);
  }
}

module.exports = { CommandClient, REPLY_QUEUE };
