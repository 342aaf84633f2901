import type { AmqpConnectionManager, ChannelWrapper, SetupFunc } from 'amqp-connection-manager';
import { connect } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { Logger } from '@nestjs/common';

/** Removes the password from an AMQP URL, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}

/**
 * One broker connection per service, reconnecting by itself after a broker restart.
 * Channels created here re-run their setup (topology, consumers) on every reconnect.
 */
export class AmqpConnection {
  private readonly logger = new Logger(AmqpConnection.name);
  private readonly manager: AmqpConnectionManager;

  constructor(url: string, name: string) {
    this.manager = connect([url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
      connectionOptions: { clientProperties: { connection_name: name } },
    });
    this.manager.on('connect', () =>
      this.logger.log({ msg: 'broker connected', url: redactUrl(url) }),
    );
    this.manager.on('disconnect', ({ err }) =>
      this.logger.warn({ msg: 'broker disconnected', error: err?.message }),
    );
    this.manager.on('connectFailed', ({ err }) =>
      this.logger.warn({ msg: 'broker connection failed', error: err?.message }),
    );
    this.manager.on('blocked', ({ reason }) =>
      this.logger.warn({ msg: 'broker blocked us', reason }),
    );
  }

  get connected(): boolean {
    return this.manager.isConnected();
  }

  /** A confirm channel whose setup runs on every (re)connect. */
  createChannel(name: string, setup: (channel: ConfirmChannel) => Promise<void>): ChannelWrapper {
    return this.manager.createChannel({
      name,
      confirm: true,
      json: false,
      setup: setup as SetupFunc,
    });
  }

  async close(): Promise<void> {
    await this.manager.close();
  }
}
