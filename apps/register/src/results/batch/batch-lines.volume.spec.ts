import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readBatchLines } from './batch-lines';
import type { BatchFormat } from './batch-lines';

const LINES = 100_000;
const LINES_PER_CHUNK = 100;
const HEADER =
  'institutionCode,resultSequence,person.bsn,programme.crohoCode,programme.level,' +
  'programme.examType,examDate,studyMode';

function lineOf(format: BatchFormat, index: number): string {
  const sequence = String(2026_000_000 + index);
  return format === 'csv'
    ? `21PA,${sequence},123456782,34479,HBO,bachelor,2026-07-03,full-time\n`
    : JSON.stringify({
        institutionCode: '21PA',
        resultSequence: sequence,
        person: { bsn: '123456782' },
        programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
      }) + '\n';
}

/** A body made chunk by chunk as it is read, counting the lines made so far. */
function lazyBody(format: BatchFormat, progress: { produced: number }): Readable {
  function* chunks(): Generator<Buffer> {
    if (format === 'csv') yield Buffer.from(`${HEADER}\n`);
    for (let first = 0; first < LINES; first += LINES_PER_CHUNK) {
      let text = '';
      for (let index = first; index < first + LINES_PER_CHUNK; index++) {
        text += lineOf(format, index);
      }
      progress.produced += LINES_PER_CHUNK;
      yield Buffer.from(text);
    }
  }
  return Readable.from(chunks());
}

describe('readBatchLines on a large body', () => {
  it.each<BatchFormat>(['ndjson', 'csv'])(
    'reads 100,000 %s lines, pulling the body only as fast as they are consumed',
    async (format) => {
      const progress = { produced: 0 };
      let lines = 0;
      let errors = 0;
      let lead = 0;
      for await (const line of readBatchLines(lazyBody(format, progress), format)) {
        lines++;
        if ('error' in line) errors++;
        lead = Math.max(lead, progress.produced - lines);
      }

      expect(lines).toBe(LINES);
      expect(errors).toBe(0);
      // The body is never read more than a few buffers ahead of the consumer.
      expect(lead).toBeLessThan(5_000);
    },
    30_000,
  );

  it('keeps the heap small while a slow consumer reads 100,000 lines', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let growth = 0;
    let lines = 0;
    for await (const line of readBatchLines(lazyBody('ndjson', { produced: 0 }), 'ndjson')) {
      if ('error' in line) break;
      if (++lines % 10_000 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        gc();
        growth = Math.max(growth, process.memoryUsage().heapUsed - before);
      }
    }

    expect(lines).toBe(LINES);
    // The body is about 20 MB of text and 100,000 parsed objects; none of it is kept.
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  }, 30_000);
});
