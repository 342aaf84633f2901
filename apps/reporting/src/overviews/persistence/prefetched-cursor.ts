import { mongo } from 'mongoose';

/**
 * Hands every document of a raw cursor (`raw: true`: each document still BSON) to `take`,
 * a batch at a time. The next batch is asked for before the current one is decoded, so
 * that the database reads and encodes batch n + 1 while this process decodes and counts
 * batch n: on two cores, side by side instead of in turn. Each document is decoded just
 * before it is counted and dropped right after, so it dies young (cheap to collect).
 */
export async function forEachPrefetched<T>(
  cursor: mongo.FindCursor<unknown>,
  take: (doc: T) => void,
): Promise<void> {
  try {
    let more = await cursor.hasNext();
    while (more) {
      const batch = cursor.readBufferedDocuments() as unknown as Uint8Array[];
      const next = cursor.hasNext();
      // Its failure is thrown by the `await` below; until then it must not count as unhandled.
      next.catch(() => undefined);
      // Let the request for the next batch go out before the CPU-bound work below.
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const raw of batch) take(mongo.BSON.deserialize(raw) as T);
      more = await next;
    }
  } finally {
    await cursor.close();
  }
}
