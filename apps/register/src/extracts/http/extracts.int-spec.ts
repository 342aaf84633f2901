import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope } from '@rod/contracts';
import { Exchanges } from '@rod/contracts';
import type { CapturedMessage } from '@rod/testing';
import {
  BrokerProbe,
  TestIssuer,
  aBsn,
  aRegistration,
  decodeQrFromPng,
  eventually,
  expectAllKeepTheContract,
  pdfText,
  renderPdfPage,
  startInProcess,
  testAmqpUrl,
} from '@rod/testing';
import type { JSONWebKeySet } from 'jose';
import {
  SignJWT,
  UnsecuredJWT,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  jwtVerify,
} from 'jose';
import { RegisterConfig } from '../../config/register.config';
import { registerService } from '../../register.service';

/** The register's public URL in this test: what extracts name as issuer and list URLs. */
const PUBLIC_URL = 'https://register.rod.test';
const ROOT = join(__dirname, '../../../../..');

interface Answer {
  status: number;
  type: string;
  text: string;
  body: Record<string, unknown>;
}

interface StatusEntry {
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

type Verdict = 'valid' | 'revoked' | 'suspended';

/**
 * The verifier's snippet as the READMEs and docs/extract-issuing.md show it (all three
 * copies must be the same text), made runnable here: its imports become requires, and its
 * `fetch` is given by the test.
 */
function readmeSnippet(): string {
  const copies = ['README.md', 'apps/register/README.md', 'docs/extract-issuing.md'].map((file) => {
    const match = /```js\n(\/\/ verify-extract\.mjs[\s\S]*?)```/.exec(
      readFileSync(join(ROOT, file), 'utf8'),
    );
    if (!match?.[1]) throw new Error(`${file} has no verify-extract.mjs snippet`);
    return match[1];
  });
  expect(new Set(copies).size).toBe(1);
  return copies[0];
}

type CheckExtract = (credential: string, issuer: string) => Promise<Verdict>;

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function runnable(snippet: string, fetchFor: Fetch): CheckExtract {
  const script = snippet
    .replace(/^import \{([^}]*)\} from '([^']+)';$/gm, "const {$1} = require('$2');")
    .replace(/^export async function/m, 'async function');
  const define = runInThisContext(
    `(function (require, fetch) {\n${script}\nreturn checkExtract;\n})`,
  ) as (r: NodeJS.Require, f: Fetch) => CheckExtract;
  return define(require, fetchFor);
}

describe('register: issuing and verifying digital extracts (real broker and database)', () => {
  let app: INestApplication;
  let url: string;
  let mongoDb: string;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let events: CapturedMessage[];
  let institution: string;
  let helpdesk: string;
  let snippetCheck: CheckExtract;

  /** A URL the credential names, on the register under test (it listens on a random port). */
  const local = (publicUrl: string): string => {
    expect(publicUrl.startsWith(`${PUBLIC_URL}/`)).toBe(true);
    return `${url}${publicUrl.slice(PUBLIC_URL.length)}`;
  };
  const fetchLocal = (input: string, init?: RequestInit) => fetch(local(input), init);

  const call = async (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      text,
      body: type.includes('json') && text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };

  /** Starts the register; on the database of the run before when it is given. */
  const start = async (database?: string) => {
    const started = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
      REGISTER_PUBLIC_URL: PUBLIC_URL,
      ...(database ? { MONGO_DB: database } : {}),
    });
    ({ app, url } = started);
    mongoDb = String(started.config.MONGO_DB);
  };

  /** Registers a result of a fresh student over the institution's HTTP API. */
  const aResult = async () => {
    const bsn = aBsn();
    const body = aRegistration('21PA', undefined, { person: { bsn } });
    const registered = await call('POST', '/v1/institutions/21PA/results', institution, body);
    expect(registered.status).toBe(201);
    const sequence = String(body.resultSequence);
    return {
      bsn,
      sequence,
      resultId: `21PA-${sequence}`,
      path: `/v1/institutions/21PA/results/${sequence}`,
      student: await issuer.token({ roles: ['student'], sub: bsn }),
    };
  };

  const issue = (resultId: string, student: string, headers: Record<string, string> = {}) =>
    call('POST', `/v1/me/results/${resultId}/extracts`, student, undefined, headers);

  const issued = async (resultId: string, student: string): Promise<string> => {
    const answer = await issue(resultId, student);
    expect(answer.status).toBe(201);
    expect(answer.type).toBe('application/vc+jwt');
    return answer.text;
  };

  const verify = async (credential: string) =>
    (await call('POST', '/v1/extracts/verify', null, { credential })).body;

  /**
   * Independent verification, as a verifier who does not trust the register's endpoint:
   * jose with the published JWKS, the status lists fetched and verified with jose, and
   * their bitstrings decoded per W3C Bitstring Status List 1.0. No code of the register.
   */
  const independently = async (credential: string) => {
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    const keys = createLocalJWKSet(jwks);
    const { payload, protectedHeader } = await jwtVerify(credential, keys, {
      algorithms: ['EdDSA'],
      typ: 'vc+jwt',
      issuer: PUBLIC_URL,
    });
    const bits: Record<string, boolean> = {};
    for (const entry of payload.credentialStatus as StatusEntry[]) {
      const response = await fetch(local(entry.statusListCredential));
      expect(response.headers.get('content-type')).toBe('application/vc+jwt');
      const list = await jwtVerify(await response.text(), keys, {
        algorithms: ['EdDSA'],
        issuer: PUBLIC_URL,
      });
      const subject = list.payload.credentialSubject as {
        type: string;
        statusPurpose: string;
        encodedList: string;
      };
      expect(list.payload.id).toBe(entry.statusListCredential);
      expect(subject).toMatchObject({
        type: 'BitstringStatusList',
        statusPurpose: entry.statusPurpose,
      });
      expect(subject.encodedList[0]).toBe('u'); // multibase: base64url without padding
      const bitstring = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'));
      expect(bitstring.length * 8).toBeGreaterThanOrEqual(131_072);
      const i = Number(entry.statusListIndex);
      bits[entry.statusPurpose] = (bitstring[i >> 3] & (0x80 >> (i & 7))) !== 0;
    }
    expect(Object.keys(bits).sort()).toEqual(['revocation', 'suspension']);
    const verdict: Verdict = bits.revocation ? 'revoked' : bits.suspension ? 'suspended' : 'valid';
    return { verdict, kid: protectedHeader.kid, jwks };
  };

  /** The same verdict from the register's endpoint, the test's own decoding and the README's snippet. */
  const everyVerifierSays = (credential: string, status: Verdict) =>
    eventually(
      async () => {
        const [endpoint, own, snippet] = await Promise.all([
          verify(credential),
          independently(credential),
          snippetCheck(credential, PUBLIC_URL),
        ]);
        return endpoint.status === status && own.verdict === status && snippet === status
          ? endpoint
          : undefined;
      },
      // The served lists are rebuilt from the database at most every few seconds.
      { what: `every verifier to say ${status}`, timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    await start();
    probe = await BrokerProbe.connect(testAmqpUrl());
    events = await probe.capture(Exchanges.resultsEvents);
    institution = await issuer.token({
      roles: ['institution'],
      institutionCode: '21PA',
      sub: 'inst-21PA',
    });
    helpdesk = await issuer.token({ roles: ['helpdesk'], sub: 'helpdesk-1' });
    snippetCheck = runnable(readmeSnippet(), fetchLocal);
  });

  afterAll(async () => {
    await probe?.close();
    await app?.close();
    await issuer?.dispose();
  });

  afterEach(() => expectAllKeepTheContract(events));

  it('issues an extract that public libraries verify as valid, publishes ExtractIssued and counts it', async () => {
    const { bsn, resultId, sequence, path, student } = await aResult();
    const answer = await issue(resultId, student);
    expect(answer.status).toBe(201);
    expect(answer.type).toBe('application/vc+jwt');
    const credential = answer.text;

    const header = decodeProtectedHeader(credential);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    const claims = decodeJwt(credential);
    expect(claims).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'HigherEducationResultCredential'],
      issuer: PUBLIC_URL,
      iss: PUBLIC_URL,
      credentialSubject: {
        resultId,
        institutionCode: '21PA',
        resultSequence: sequence,
        person: { bsn },
        programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
      },
    });
    expect(claims.jti).toBe(claims.id);
    expect(claims.nbf).toBe(Date.parse(String(claims.validFrom)) / 1000);
    expect(claims).not.toHaveProperty('exp');
    expect(claims).not.toHaveProperty('validUntil');
    const entries = claims.credentialStatus as (StatusEntry & { id: string; type: string })[];
    expect(entries.map((e) => [e.type, e.statusPurpose])).toEqual([
      ['BitstringStatusListEntry', 'revocation'],
      ['BitstringStatusListEntry', 'suspension'],
    ]);
    for (const entry of entries) {
      expect(entry.statusListCredential).toMatch(
        new RegExp(`^${PUBLIC_URL}/v1/status-lists/\\d+-${entry.statusPurpose}$`),
      );
      expect(entry.id).toBe(`${entry.statusListCredential}#${entry.statusListIndex}`);
    }

    const own = await independently(credential);
    expect(own.verdict).toBe('valid');
    expect(own.jwks.keys.map((k) => k.kid)).toContain(header.kid);
    expect(await snippetCheck(credential, PUBLIC_URL)).toBe('valid');
    const verdict = await verify(credential);
    expect(verdict).toEqual({
      status: 'valid',
      result: {
        resultId,
        institutionCode: '21PA',
        resultSequence: sequence,
        programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
        examDate: '2026-07-03',
        studyMode: 'full-time',
        registeredAt: (claims.credentialSubject as { registeredAt: string }).registeredAt,
      },
    });
    expect(JSON.stringify(verdict)).not.toContain(bsn);

    const event = await eventually(
      () =>
        events
          .map((m) => m.body as EventEnvelope)
          .find((e) => e.resultId === resultId && e.type === 'ExtractIssued'),
      { what: 'ExtractIssued' },
    );
    expect(event).toMatchObject({
      sequence: 2,
      data: { extractId: String(claims.id).replace('urn:uuid:', ''), issuedAt: claims.validFrom },
    });
    const published = events.find((m) => (m.body as EventEnvelope).eventId === event.eventId);
    expect(published?.routingKey).toBe('extract.issued.v1');
    expect(published?.raw).not.toContain(bsn);

    const impact = await call('GET', `${path}/deletion-impact`, institution);
    expect(impact.body).toMatchObject({
      irreversible: true,
      consequences: { extractsIssued: 1 },
    });
  });

  it('answers the extract as a PDF with Accept: application/pdf', async () => {
    const { resultId, student } = await aResult();
    const response = await fetch(`${url}/v1/me/results/${resultId}/extracts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${student}`, accept: 'application/pdf' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Printed and scanned: the QR code on the page carries a credential that verifies.
    const credential = decodeQrFromPng(await renderPdfPage(pdf, { dpi: 200 }));
    expect(credential).not.toBeNull();
    // Decoding blocked this process (and the server in it) for seconds: let the server's
    // keep-alive timers close idle connections before the next request reuses one.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await verify(credential!)).toMatchObject({ status: 'valid', result: { resultId } });
    expect(await pdfText(pdf)).toContain(credential!.slice(0, 40));
  });

  it('follows the result: suspended after a fraud report, valid after dismissal, revoked after deletion', async () => {
    const { resultId, path, student } = await aResult();
    const credential = await issued(resultId, student);
    await everyVerifierSays(credential, 'valid');

    const report = await call('POST', `${path}/fraud-reports`, institution, {
      explanation: 'the certificate was forged',
    });
    expect(report.status).toBe(201);
    const suspended = await everyVerifierSays(credential, 'suspended');
    expect(suspended).toMatchObject({ result: { resultId } });
    expect((await issue(resultId, student)).body).toMatchObject({
      status: 409,
      type: 'https://rod.example/problems/invalid-state',
    });

    const dismissed = await call(
      'POST',
      `/v1/helpdesk/fraud-reports/${resultId}/decision`,
      helpdesk,
      { decision: 'dismiss', explanation: 'no evidence' },
    );
    expect(dismissed.status).toBe(200);
    await everyVerifierSays(credential, 'valid');

    const unacknowledged = await call('DELETE', path, institution, { reason: 'duplicate' });
    expect(unacknowledged.body).toMatchObject({
      errors: [{ code: 'irreversible-consequences', details: { extractsIssued: 1 } }],
    });
    const deleted = await call('DELETE', path, institution, {
      reason: 'duplicate',
      acknowledgeIrreversible: true,
    });
    expect(deleted.status).toBe(200);
    const revoked = await everyVerifierSays(credential, 'revoked');
    expect(revoked).toMatchObject({ result: { resultId } });
    expect((await issue(resultId, student)).status).toBe(409);
  }, 120_000);

  it('says revoked, not suspended, when the helpdesk confirms the fraud', async () => {
    const { resultId, path, student } = await aResult();
    const credential = await issued(resultId, student);
    await call('POST', `${path}/fraud-reports`, institution, { explanation: 'bought' });
    await everyVerifierSays(credential, 'suspended');
    const confirmed = await call(
      'POST',
      `/v1/helpdesk/fraud-reports/${resultId}/decision`,
      helpdesk,
      { decision: 'confirm', explanation: 'confirmed by the exam board' },
    );
    expect(confirmed.status).toBe(200);
    await everyVerifierSays(credential, 'revoked');
  }, 120_000);

  it("gives no student an extract of another student's result, answering it as an unknown one", async () => {
    const mine = await aResult();
    const theirs = await aResult();
    const probing = await issue(theirs.resultId, mine.student);
    const unknown = await issue('21PA-NOSUCHRESULT', mine.student);
    expect(probing.status).toBe(404);
    expect(probing.type).toContain('application/problem+json');
    expect(probing.body).toMatchObject({
      type: 'https://rod.example/problems/unknown-result',
      errors: [{ code: 'unknown-result' }],
    });
    // The same problem, word for word, but for the id the student asked for.
    const problem = (answer: Answer, resultId: string): unknown => {
      const { instance: _path, ...rest } = answer.body;
      return JSON.parse(JSON.stringify(rest).replaceAll(resultId, '<id>'));
    };
    expect(problem(probing, theirs.resultId)).toEqual(problem(unknown, '21PA-NOSUCHRESULT'));
    expect(probing.text).not.toContain(theirs.bsn);

    const institutionToken = await issue(mine.resultId, institution);
    expect(institutionToken.status).toBe(403);
    expect((await issue(mine.resultId, '')).status).toBe(401);
    const impact = await call('GET', `${theirs.path}/deletion-impact`, institution);
    expect(impact.body).toMatchObject({ consequences: { extractsIssued: 0 } });
  });

  it('finds a tampered payload, another key under our kid, and other forgeries invalid', async () => {
    const { resultId, student } = await aResult();
    const credential = await issued(resultId, student);
    const [header, payload, signature] = credential.split('.') as [string, string, string];
    const claims = decodeJwt(credential);
    const { kid } = decodeProtectedHeader(credential);

    const upgraded = { ...claims, credentialSubject: { ...(claims.credentialSubject as object) } };
    (upgraded.credentialSubject as { programme: unknown }).programme = {
      crohoCode: '34479',
      level: 'WO',
      examType: 'master',
    };
    const tampered = [
      header,
      Buffer.from(JSON.stringify(upgraded)).toString('base64url'),
      signature,
    ].join('.');
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'vc+jwt' })
      .sign(privateKey);

    for (const [name, forged, reason] of [
      ['tampered', tampered, 'signature does not match'],
      ['another key, same kid', otherKey, 'signature does not match'],
    ] as const) {
      expect({ name, answer: await verify(forged) }).toEqual({
        name,
        answer: { status: 'invalid', reason: expect.stringContaining(reason) as string },
      });
      await expect(independently(forged)).rejects.toThrow('signature verification failed');
      await expect(snippetCheck(forged, PUBLIC_URL)).rejects.toThrow();
    }

    const hostile: [string, string, string][] = [
      ['alg none', new UnsecuredJWT(claims).encode(), 'EdDSA only'],
      ['not a JWT', 'hello', 'not a well-formed JWT'],
      ['the payload alone', payload, 'not a well-formed JWT'],
      [
        'a key the register does not publish',
        await new SignJWT({ ...claims, iss: 'https://evil.example' })
          .setProtectedHeader({ alg: 'EdDSA', kid: 'evil', typ: 'vc+jwt' })
          .sign(privateKey),
        'unknown kid',
      ],
    ];
    for (const [name, forged, reason] of hostile) {
      const answer = await verify(forged);
      expect({ name, status: answer.status, reason: answer.reason }).toEqual({
        name,
        status: 'invalid',
        reason: expect.stringContaining(reason) as string,
      });
    }
  });

  it('refuses a body that is not { credential } with 400', async () => {
    for (const body of [
      {},
      { credential: 42 },
      { credential: '' },
      { credential: 'x', extra: 1 },
    ]) {
      const answer = await call('POST', '/v1/extracts/verify', null, body);
      expect({ body, status: answer.status, type: answer.body.type }).toEqual({
        body,
        status: 400,
        type: 'https://rod.example/problems/validation',
      });
    }
    const notJson = await fetch(`${url}/v1/extracts/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"credential": ',
    });
    expect(notJson.status).toBe(400);
  });

  it('describes issuing and verifying at /docs-json, with the contract classes', async () => {
    const document = (await call('GET', '/docs-json', null)).body as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/me/results/{resultId}/extracts', '/v1/extracts/verify']),
    );
    expect(document.components.schemas).toHaveProperty('ExtractVerificationRequestV1');
    expect(document.components.schemas).toHaveProperty('ExtractVerificationV1');
  });

  // Last: it restarts the register.
  it('still verifies an extract issued before a key rotation, and signs new ones with the new key', async () => {
    const { resultId, student } = await aResult();
    const before = await issued(resultId, student);
    const oldKid = decodeProtectedHeader(before).kid;

    await app.close();
    const newKid = await issuer.rotateExtractKeys();
    await start(mongoDb);

    const after = await issued(resultId, student);
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    expect(newKid).not.toBe(oldKid);
    const { jwks } = await independently(after);
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    await everyVerifierSays(before, 'valid');
    await everyVerifierSays(after, 'valid');
  });
});
