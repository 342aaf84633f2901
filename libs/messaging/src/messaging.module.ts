import type { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Global, Injectable, Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { AmqpConnection } from './amqp-connection';
import { OutboxRelay } from './outbox/outbox-relay';
import { AmqpPublisher } from './publishing/amqp-publisher';
import { MessagingMetrics } from './transport/messaging-metrics';

export interface MessagingOptions {
  url: string;
  serviceName: string;
  outboxSweepIntervalMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** The service's Prometheus registry (one per app, so tests can run several apps). */
export const PROM_REGISTRY = Symbol('PROM_REGISTRY');

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly publisher: AmqpPublisher,
    private readonly connection: AmqpConnection,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: {
    imports?: DynamicModule['imports'];
    inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
    useFactory: (...args: never[]) => MessagingOptions;
  }): DynamicModule {
    return {
      module: MessagingModule,
      imports: options.imports ?? [],
      providers: [
        { provide: MESSAGING_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: PROM_REGISTRY,
          inject: [MESSAGING_OPTIONS],
          useFactory: (o: MessagingOptions) => {
            const registry = new Registry();
            registry.setDefaultLabels({ service: o.serviceName });
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        {
          provide: AmqpConnection,
          inject: [MESSAGING_OPTIONS],
          useFactory: (o: MessagingOptions) => new AmqpConnection(o.url, o.serviceName),
        },
        {
          provide: MessagingMetrics,
          inject: [PROM_REGISTRY],
          useFactory: (registry: Registry) => new MessagingMetrics(registry),
        },
        {
          provide: AmqpPublisher,
          inject: [AmqpConnection],
          useFactory: (connection: AmqpConnection) => new AmqpPublisher(connection),
        },
        {
          provide: OutboxRelay,
          inject: [AmqpPublisher, MESSAGING_OPTIONS],
          useFactory: (publisher: AmqpPublisher, o: MessagingOptions) =>
            new OutboxRelay(publisher, { sweepIntervalMs: o.outboxSweepIntervalMs }),
        },
        MessagingLifecycle,
      ],
      exports: [MESSAGING_OPTIONS, PROM_REGISTRY, AmqpConnection, MessagingMetrics, AmqpPublisher, OutboxRelay],
    };
  }
}

