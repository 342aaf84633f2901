import fc from 'fast-check';
import { request as httpRequest } from 'node:http';

/**
 * Inputs and checks shared by the HTTP fuzz tests (*.fuzz.int-spec.ts, issue 8): hostile
 * bodies, content types, path parameters and query strings, a client that opens a
 * connection per request, and the contract's idea of a clear answer.
 */

/** The seed and size of a fuzz run: FUZZ_SEED=<n> replays one, FUZZ_RUNS=<n> resizes it. */
export const fuzzRunOptions = () => ({
  seed: Number(process.env.FUZZ_SEED ?? 20261128),
  numRuns: Number(process.env.FUZZ_RUNS ?? 150),
  endOnFailure: true,
});

export interface FuzzAnswer {
  status: number;
  type: string;
  text: string;
}

/** Bodies above this (the JSON limit) may be refused before they are read. */
export const OVERSIZED_BODY = 64 * 1024;

/** Operator objects and prototype keys where a plain value belongs (as JSON text). */
const OPERATOR_TEXTS = [
  '{"$ne":null}',
  '{"$gt":""}',
  '{"$regex":".*"}',
  '{"$where":"sleep(100)"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a.b":1}',
];
/** Any JSON value, including the hostile ones, as text. */
export const jsonText = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom(...OPERATOR_TEXTS) },
  { weight: 1, arbitrary: fc.integer().map((n) => JSON.stringify(String(n))) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => JSON.stringify('ü'.repeat(n))),
  },
);
/** A valid body of the endpoint with one field's value replaced by any JSON text. */
export const mutatedText = (valid: Record<string, unknown>) =>
  fc
    .tuple(fc.constantFrom(...Object.keys(valid), 'extra', '$set', '__proto__'), jsonText)
    .map(([field, value]) => {
      const { [field]: _replaced, ...rest } = valid;
      const text = JSON.stringify(rest);
      const prefix = text === '{}' ? '{' : `${text.slice(0, -1)},`;
      return `${prefix}${JSON.stringify(field)}:${value}}`;
    });
/** Nesting deep enough to test recursion in the body parser and the validators. */
export const deeplyNested = fc
  .tuple(fc.constantFrom(10, 1_000, 20_000), fc.constantFrom('{"a":', '['), fc.boolean())
  .map(([depth, open, wrapped]) => {
    const close = open === '[' ? ']' : '}';
    const inner = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return wrapped ? `{"institutionCode":"21PA","person":${inner}}` : inner;
  });
/** Any body: valid-shaped with a broken field, any JSON, truncated, deep, or no JSON at all. */
export const bodyText = (valid: Record<string, unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: mutatedText(valid) },
    { weight: 2, arbitrary: jsonText },
    {
      weight: 1,
      arbitrary: fc
        .nat()
        .map((n) => JSON.stringify(valid).slice(0, n % JSON.stringify(valid).length)),
    },
    { weight: 1, arbitrary: deeplyNested },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constant('') },
  );
export const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/x-ndjson',
  'text/csv',
  undefined,
);
/** Path parameters: plain, odd, encoded, broken percent-escapes, very long. */
export const pathParam = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('%', '%E0%A4%A', '%00', '..%2F..%2Fadmin', '%24ne', '{"$ne":null}', 'a%2Fb'),
  fc.constant('9'.repeat(4_000)),
);
export const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          'status',
          'institutionCode',
          'from',
          'to',
          'x',
          'a[$ne]',
          'b[0]',
          'c[d][e]',
        ),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`),
  fc.constantFrom('?%', '?a=%E0%A4%A', `?${'x'.repeat(3_000)}=1`),
);

/** One request on a connection of its own (no keep-alive). */
export function exchange(
  target: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    // Content-Length always: Node sends a DELETE body unframed otherwise.
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(
      target,
      { method, headers: { ...headers, ...length }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends one fuzz request. A server that refuses a body over the JSON limit before reading
 * it closes the connection after its answer, and the client may see the reset before the
 * answer (an HTTP/1.1 early response): only then is a lost answer no failure, and it is
 * answered as status 0.
 */
export async function fuzzRequest(
  target: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<FuzzAnswer> {
  try {
    return await exchange(target, method, headers, body);
  } catch (error) {
    if (Buffer.byteLength(body ?? '') > OVERSIZED_BODY) return { status: 0, type: '', text: '' };
    throw error;
  }
}

/** A clear answer: 2xx or 3xx, or a 4xx problem document of the contract; never a 5xx. */
export function expectClearAnswer(answer: FuzzAnswer, what: string): void {
  if (answer.status === 0) return; // an oversized body, answered early (see fuzzRequest)
  if (answer.status >= 500) {
    throw new Error(`${what} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  if (answer.status < 400) return;
  if (!answer.type.includes('application/problem+json')) {
    throw new Error(`${what} answered ${answer.status} as ${answer.type}, not a problem document`);
  }
  const problem = JSON.parse(answer.text) as Record<string, unknown>;
  if (
    typeof problem.type !== 'string' ||
    typeof problem.title !== 'string' ||
    problem.status !== answer.status
  ) {
    throw new Error(`${what} answered ${answer.status} with ${answer.text.slice(0, 300)}`);
  }
}
