import type {
  BeforeApplicationShutdown,
  DynamicModule,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Global, Injectable, Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { AmqpConnection } from './amqp-connection';
import { OutboxRelay } from './outbox/outbox-relay';
import { AmqpPublisher } from './publishing/amqp-publisher';
import { DocumentWrites } from './storage/document-writes';
import { MessagingMetrics } from './transport/messaging-metrics';
import { StorageGate } from './transport/storage-gate';

export interface MessagingOptions {
  url: string;
  serviceName: string;
  outboxSweepIntervalMs?: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** The service's Prometheus registry (one per app, so tests can run several apps). */
export const PROM_REGISTRY = Symbol('PROM_REGISTRY');

/**
 * Starts the relay, and at shutdown stops in the right order while the database is
 * still open: consumers first (in-flight messages finish and are acked), then the
 * relay (its last drain), then the broker connection.
 */
@Injectable()
export class MessagingLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly consumers: { close(): Promise<void> }[] = [];

  constructor(
    private readonly relay: OutboxRelay,
    private readonly publisher: AmqpPublisher,
    private readonly connection: AmqpConnection,
    private readonly storage: StorageGate,
  ) {}

  /**
   * A transport whose consumers must stop before the database closes, and pause while
   * the database is away (it gets the service's {@link StorageGate}).
   */
  addConsumer(consumer: {
    close(): Promise<void>;
    useStorageGate?(gate: StorageGate): void;
  }): void {
    consumer.useStorageGate?.(this.storage);
    this.consumers.push(consumer);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.close()));
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
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
        {
          provide: MESSAGING_OPTIONS,
          useFactory: options.useFactory,
          inject: options.inject ?? [],
        },
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
          inject: [AmqpConnection, MessagingMetrics],
          useFactory: (connection: AmqpConnection, metrics: MessagingMetrics) =>
            new AmqpPublisher(connection, metrics),
        },
        { provide: DocumentWrites, useFactory: () => new DocumentWrites() },
        { provide: StorageGate, useFactory: () => new StorageGate() },
        {
          provide: OutboxRelay,
          inject: [AmqpPublisher, DocumentWrites, MESSAGING_OPTIONS],
          useFactory: (publisher: AmqpPublisher, writes: DocumentWrites, o: MessagingOptions) =>
            new OutboxRelay(publisher, writes, { sweepIntervalMs: o.outboxSweepIntervalMs }),
        },
        MessagingLifecycle,
      ],
      exports: [
        MessagingLifecycle,
        MESSAGING_OPTIONS,
        PROM_REGISTRY,
        AmqpConnection,
        MessagingMetrics,
        AmqpPublisher,
        DocumentWrites,
        OutboxRelay,
        StorageGate,
      ],
    };
  }
}
