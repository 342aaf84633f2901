/**
 * Maps an async source with up to `concurrency` calls in flight, yielding the results in
 * the source's order. It pulls from the source only as results are taken, so memory is
 * bounded by `concurrency` whatever the source's length.
 */
export async function* mapOrdered<T, R>(
  source: AsyncIterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  for await (const item of source) {
    const call = fn(item);
    // Awaited in order below; this keeps an early failure from being reported as unhandled.
    call.catch(() => undefined);
    inFlight.push(call);
    if (inFlight.length >= concurrency) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}
