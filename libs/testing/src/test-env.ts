import { randomUUID } from 'node:crypto';

/** The broker URL of this test run's own vhost (set by the global setup). */
export function testAmqpUrl(): string {
  const url = process.env.TEST_AMQP_URL;
  if (!url)
    throw new Error('TEST_AMQP_URL is not set: run through the integration or e2e jest config');
  return url;
}

/** The database server of this test run (embedded FerretDB, or MONGO_URL). */
export function testMongoUrl(): string {
  const url = process.env.TEST_MONGO_URL;
  if (!url)
    throw new Error('TEST_MONGO_URL is not set: run through the integration or e2e jest config');
  return url;
}

/** A name no other test uses: databases, queues. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Polls until `check` returns a value other than undefined, or fails after the timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
