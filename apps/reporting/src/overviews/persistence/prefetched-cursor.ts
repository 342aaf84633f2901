import { mongo } from 'mongoose';

/**
 * Hands every document of a raw cursor (`raw: true`: each document still BSON) to `take`,
 * a batch at a time. The next batch is asked for before the current one is decoded, so
 * that the database reads and encodes batch n + 1 while this process decodes and counts
 * batch n: on two cores, side by side instead of in turn. Each document is decoded just
 * before it is counted and dropped right after, so it dies young (cheap to collect).
 *
 * Memory: the documents are decoded straight from the reply's bytes (`batchBytes`). Taken
 * one by one from the driver (`readBufferedDocuments`), every document of a batch first
 * gets a wrapper of the driver's own (a view, a parsed element list, caches: about 1 KB),
 * which lives as long as the batch is being counted, so it outlives young-generation
 * collections and piles up in the old generation until a full collection: reporting's
 * resident memory grew by 100-150 MB during a 200,000-result build (docs/performance.md).
 */
export async function forEachPrefetched<T>(
  cursor: mongo.FindCursor<unknown>,
  take: (doc: T) => void,
): Promise<void> {
  try {
    let more = await cursor.hasNext();
    while (more) {
      // Empties the cursor's buffer, so that hasNext() below asks the database for more.
      const bytes = batchBytes(cursor);
      const raws = bytes ? null : (cursor.readBufferedDocuments() as unknown as Uint8Array[]);
      const next = cursor.hasNext();
      // Its failure is thrown by the `await` below; until then it must not count as unhandled.
      next.catch(() => undefined);
      // Let the request for the next batch go out before the CPU-bound work below.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (bytes) {
        const { bson, offsets } = bytes;
        for (const index of offsets) {
          take(
            mongo.BSON.deserialize(bson, { index, allowObjectSmallerThanBufferSize: true }) as T,
          );
        }
      } else {
        for (const raw of raws ?? []) take(mongo.BSON.deserialize(raw) as T);
      }
      more = await next;
    }
  } finally {
    await cursor.close();
  }
}

/** A BSON element as the driver's on-demand parser lists it: [type, nameOffset, nameLength, offset, length]. */
type Element = readonly number[];

/** What `batchBytes` reads of the driver's internals (mongodb 7.x, `CursorResponse`). */
interface BufferedResponse {
  iterated?: unknown;
  batch?: { bson?: unknown; elements?: unknown };
  clear?: unknown;
}

const BSON_EMBEDDED_DOCUMENT = 3;

/**
 * The bytes of the cursor's buffered batch and where each remaining document starts in
 * them, marking the batch as read (as readBufferedDocuments() does); or null, leaving the
 * cursor untouched, when the driver's response does not look as expected (another driver
 * version): the caller then takes the documents one by one instead.
 *
 * This reads the driver's internal `documents` (its `CursorResponse`: the reply's bytes and
 * the offsets of the batch's elements, which the driver parses anyway to count them).
 */
function batchBytes(
  cursor: mongo.FindCursor<unknown>,
): { bson: Uint8Array; offsets: number[] } | null {
  const response = (cursor as unknown as { documents?: BufferedResponse | null }).documents;
  if (!response || typeof response.clear !== 'function') return null;
  const { iterated } = response;
  const batch = response.batch;
  const bson = batch?.bson;
  const elements = batch?.elements;
  if (
    typeof iterated !== 'number' ||
    !(bson instanceof Uint8Array) ||
    !Array.isArray(elements) ||
    iterated > elements.length
  ) {
    return null;
  }
  const offsets: number[] = [];
  for (let i = iterated; i < elements.length; i++) {
    const element = elements[i] as Element;
    if (element[0] !== BSON_EMBEDDED_DOCUMENT || typeof element[3] !== 'number') return null;
    offsets.push(element[3]);
  }
  (response.clear as () => void).call(response);
  return { bson, offsets };
}
