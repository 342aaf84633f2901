'use strict';
// Publishing with publisher confirms, at most `window` messages unconfirmed at a time, and
// respecting the socket's back-pressure: fast, without flooding the broker.
const { once } = require('node:events');

class WindowedPublisher {
  /** @param channel an amqplib ConfirmChannel */
  constructor(channel, window = 500) {
    this.channel = channel;
    this.window = window;
    this.outstanding = 0;
    this.confirmed = 0;
    this.nacked = 0;
    this.error = null;
    this.waiters = [];
    channel.on('close', () => this.fail(new Error('the publishing channel closed')));
    channel.on('error', (err) => this.fail(err));
  }

  fail(err) {
    if (!this.error) this.error = err;
    this.waiters.splice(0).forEach((wake) => wake());
  }

  async publish(exchange, routingKey, content, options) {
    while (this.outstanding >= this.window && !this.error) {
      await new Promise((resolve) => this.waiters.push(resolve));
    }
    if (this.error) throw this.error;
    this.outstanding++;
    const flowing = this.channel.publish(exchange, routingKey, content, options, (err) => {
      this.outstanding--;
      if (err) {
        this.nacked++;
        this.fail(
          err instanceof Error ? err : new Error(`the broker did not confirm a message (${err})`),
        );
      } else {
        this.confirmed++;
      }
      const wake = this.waiters.shift();
      if (wake) wake();
    });
    if (!flowing) await once(this.channel, 'drain');
  }

  /** Resolves once every message published so far is confirmed. */
  async flush() {
    await this.channel.waitForConfirms();
    if (this.error) throw this.error;
  }
}

module.exports = { WindowedPublisher };
