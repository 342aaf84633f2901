import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { eventually } from './test-env';

const run = promisify(execFile);

/**
 * Restarts the RabbitMQ application on this machine (`rabbitmqctl stop_app` then
 * `start_app`): every connection drops, durable quorum queues come back with their
 * messages. The broker is always started again, whatever happens in between.
 */
export async function restartBroker(amqpUrl: string, downForMs = 2000): Promise<void> {
  try {
    await run('rabbitmqctl', ['stop_app'], { timeout: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, downForMs));
  } finally {
    await run('rabbitmqctl', ['start_app'], { timeout: 120_000 });
  }
  await eventually(
    async () => {
      const connection = await connect(amqpUrl);
      await connection.close();
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: 'the broker to accept connections again' },
  );
}
