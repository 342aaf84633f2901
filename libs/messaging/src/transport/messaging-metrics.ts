import type { Registry } from 'prom-client';
import { Counter, Gauge, Histogram } from 'prom-client';

/** `held`: kept unsettled while the database was away, handled again once it is back. */
export type ConsumeOutcome = 'acked' | 'requeued' | 'dead-lettered' | 'held';

/** Broker-side counters every service exposes on /metrics. */
export class MessagingMetrics {
  private readonly messages: Counter<'queue' | 'outcome'>;
  private readonly duration: Histogram<'queue'>;
  readonly published: Counter<'exchange'>;
  private readonly paused: Gauge;

  constructor(registry: Registry) {
    this.messages = new Counter({
      name: 'rod_messages_consumed_total',
      help: 'Messages taken from a queue, by outcome',
      labelNames: ['queue', 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'rod_message_handling_seconds',
      help: 'Time from taking a message to settling it',
      labelNames: ['queue'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.published = new Counter({
      name: 'rod_messages_published_total',
      help: 'Messages published and confirmed by the broker',
      labelNames: ['exchange'],
      registers: [registry],
    });
    this.paused = new Gauge({
      name: 'rod_consumers_paused',
      help: '1 while the consumers are paused because the database is unreachable',
      registers: [registry],
    });
    this.paused.set(0);
  }

  setConsumersPaused(paused: boolean): void {
    this.paused.set(paused ? 1 : 0);
  }

  consumed(queue: string, outcome: ConsumeOutcome, startedNs: bigint): void {
    this.messages.inc({ queue, outcome });
    this.duration.observe({ queue }, Number(process.hrtime.bigint() - startedNs) / 1e9);
  }
}
