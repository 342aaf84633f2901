import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope, EventType } from '@rod/contracts';
import { Queues, deadLetterQueue } from '@rod/contracts';
import { createEnvelope } from '@rod/messaging';
import {
  BrokerProbe,
  TestIssuer,
  eventually,
  startInProcess,
  testAmqpUrl,
  testMongoUrl,
} from '@rod/testing';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { Connection } from 'mongoose';
import { createConnection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { RegisterConfig } from '../../config/register.config';
import { registerService } from '../../register.service';
import type { ExtractRecord, StatusPurpose, StatusSlot } from '../extract-ports';
import { DatabaseStatusLists } from './database-status-lists';
import { ExtractKeyRing, ExtractStatusLists, STATUS_LIST_SIZE } from '../extract-ports';

/** The specification's decoding, written out here instead of using the module's own code. */
function decodeEncodedList(encodedList: string): Buffer {
  expect(encodedList).toMatch(/^u[A-Za-z0-9_-]+$/);
  return gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
}
const bitAt = (bits: Buffer, index: number): boolean =>
  (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;

interface ServedList {
  response: Response;
  jwt: string;
  payload: JWTPayload & {
    credentialSubject: { id: string; type: string; statusPurpose: string; encodedList: string };
  };
  bits: Buffer;
}

type ResultStatus = 'registered' | 'suspended' | 'deleted';

describe('extract status lists: keys, allocation, bits kept by events (real broker and database)', () => {
  let app: INestApplication;
  let config: RegisterConfig;
  let url: string;
  let issuer: TestIssuer;
  let probe: BrokerProbe;
  let db: Connection;
  let lists: ExtractStatusLists;

  const start = async (database?: string) => {
    ({ app, config, url } = await startInProcess(registerService, RegisterConfig, {
      ...(issuer.env() as Partial<RegisterConfig>),
      ...(database ? { MONGO_DB: database } : {}),
    }));
    lists = app.get(ExtractStatusLists);
  };

  const jwks = async () => {
    const response = await fetch(`${url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    return (await response.json()) as JSONWebKeySet;
  };

  /** Fetches a list and checks it as an independent verifier would: signature, form, bits. */
  const served = async (listNumber: number, purpose: StatusPurpose): Promise<ServedList> => {
    const response = await fetch(`${url}/v1/status-lists/${listNumber}-${purpose}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vc+jwt');
    const jwt = await response.text();
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(await jwks()), {
      typ: 'vc+jwt',
      algorithms: ['EdDSA'],
    });
    const typed = payload as ServedList['payload'];
    const bits = decodeEncodedList(typed.credentialSubject.encodedList);
    expect(bits.length * 8).toBe(STATUS_LIST_SIZE);
    return { response, jwt, payload: typed, bits };
  };

  /** The bits of a slot as the served lists have them (a verifier's view). */
  const servedBits = async (slot: StatusSlot) => ({
    revoked: bitAt((await served(slot.listNumber, 'revocation')).bits, slot.index),
    suspended: bitAt((await served(slot.listNumber, 'suspension')).bits, slot.index),
  });

  /** Waits until both the database and the served lists give every slot these bits. */
  const bitsBecome = async (
    slots: StatusSlot[],
    expected: { revoked: boolean; suspended: boolean },
  ) => {
    for (const slot of slots) {
      await eventually(
        async () => {
          const now = await lists.statusOf(slot);
          return now.revoked === expected.revoked && now.suspended === expected.suspended
            ? true
            : undefined;
        },
        { what: `bits ${JSON.stringify(expected)} of ${JSON.stringify(slot)}` },
      );
      // The served credential may be a few seconds behind (kept in memory per list).
      await eventually(
        async () => {
          const now = await servedBits(slot);
          return now.revoked === expected.revoked && now.suspended === expected.suspended
            ? true
            : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 250, what: `served bits of ${JSON.stringify(slot)}` },
      );
    }
  };

  const results = () => db.collection<{ _id: string; [field: string]: unknown }>('results');

  /** A result document as the register keeps it, with extracts at freshly allocated places. */
  const aResultWithExtracts = async (status: ResultStatus, count: number) => {
    const resultId = `21PA-S${randomUUID().slice(0, 8).toUpperCase()}`;
    const slots: StatusSlot[] = [];
    for (let i = 0; i < count; i += 1) slots.push(await lists.allocate());
    const extracts: ExtractRecord[] = slots.map((slot) => ({
      ...slot,
      extractId: randomUUID(),
      issuedAt: new Date().toISOString(),
      kid: issuer.extractKids[0],
    }));
    await results().insertOne({
      _id: resultId,
      institutionCode: '21PA',
      resultSequence: resultId.slice(5),
      status,
      extractsIssued: count,
      extracts,
    });
    return { resultId, slots, extracts };
  };

  const setStatus = (resultId: string, status: ResultStatus) =>
    results().updateOne({ _id: resultId }, { $set: { status } });

  const eventData: Record<string, unknown> = {
    ResultDeleted: {
      reason: 'administrative-error',
      deletedAt: new Date().toISOString(),
      deletedBy: 'institution',
      acknowledgedIrreversible: true,
      consequences: { extractsIssued: 1, partnersHolding: [] },
      registeredAt: new Date().toISOString(),
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    },
    ResultSuspended: { explanation: 'reported', reportedAt: new Date().toISOString() },
    ResultReinstated: { decidedAt: new Date().toISOString() },
    ExtractIssued: { extractId: randomUUID(), issuedAt: new Date().toISOString() },
  };
  let sequence = 10;
  const anEvent = (type: EventType, resultId: string): EventEnvelope =>
    createEnvelope({
      type,
      producer: 'register',
      correlationId: `corr-${type}`,
      causationId: 'cause',
      resultId,
      institutionCode: '21PA',
      sequence: (sequence += 1),
      data: eventData[type],
    });
  const publish = (type: EventType, resultId: string) =>
    probe.publishEvent(anEvent(type, resultId));

  beforeAll(async () => {
    issuer = await TestIssuer.create();
    await start();
    probe = await BrokerProbe.connect(testAmqpUrl());
    db = await createConnection(testMongoUrl(), { dbName: config.MONGO_DB }).asPromise();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await probe?.close();
    await db?.close();
    await app?.close();
    await issuer?.dispose();
  });

  it('publishes the signing key in /.well-known/jwks.json, public part only, cacheable', async () => {
    const response = await fetch(`${url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String),
        kid: issuer.extractKids[0],
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
  });

  it('answers 404 problem+json for a list that does not exist or was never handed out', async () => {
    for (const listId of [
      '1-revocation',
      '2-suspension',
      '1-refresh',
      'revocation',
      '0-revocation',
    ]) {
      const response = await fetch(`${url}/v1/status-lists/${listId}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({
        type: 'https://rod.example/problems/unknown-status-list',
        status: 404,
      });
    }
  });

  it('allocates many random indexes of the first list, each once, all in range', async () => {
    const COUNT = 2_000;
    const slots: StatusSlot[] = [];
    // Eight allocators at once, as concurrent issuing would.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (slots.length < COUNT) slots.push(await lists.allocate());
      }),
    );
    expect(slots.length).toBeGreaterThanOrEqual(COUNT);
    const indexes = slots.map((s) => s.index);
    expect(new Set(indexes).size).toBe(slots.length);
    for (const slot of slots) {
      expect(slot.listNumber).toBe(1);
      expect(Number.isInteger(slot.index)).toBe(true);
      expect(slot.index).toBeGreaterThanOrEqual(0);
      expect(slot.index).toBeLessThan(STATUS_LIST_SIZE);
    }
    // Random, not counted up: spread over the whole list and out of order.
    expect(Math.max(...indexes) - Math.min(...indexes)).toBeGreaterThan(STATUS_LIST_SIZE * 0.9);
    expect(indexes.filter((v, i) => i > 0 && v > indexes[i - 1]).length).toBeLessThan(
      slots.length * 0.6,
    );
  });

  it('serves a list as a signed BitstringStatusListCredential with its cache headers', async () => {
    const { response, jwt, payload, bits } = await served(1, 'revocation');
    const listUrl = `${config.publicUrl}/v1/status-lists/1-revocation`;
    expect(lists.credentialUrl(1, 'revocation')).toBe(listUrl);
    expect(decodeProtectedHeader(jwt)).toEqual({
      alg: 'EdDSA',
      kid: issuer.extractKids[0],
      typ: 'vc+jwt',
    });
    expect(payload).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: listUrl,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: app.get(ExtractKeyRing).issuer,
      validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      credentialSubject: {
        id: `${listUrl}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
      },
    });
    expect(bits.every((byte) => byte === 0)).toBe(true);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await fetch(`${url}/v1/status-lists/1-revocation`, {
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await again.text()).toBe('');
    const other = await fetch(`${url}/v1/status-lists/1-revocation`, {
      headers: { 'if-none-match': '"something-else"' },
    });
    expect(other.status).toBe(200);
  });

  it('suspends on ResultSuspended, lifts it on ResultReinstated, revokes on ResultDeleted', async () => {
    const { resultId, slots } = await aResultWithExtracts('registered', 2);
    const before = await served(1, 'suspension');

    await setStatus(resultId, 'suspended');
    await publish('ResultSuspended', resultId);
    await bitsBecome(slots, { revoked: false, suspended: true });
    const changed = await served(1, 'suspension');
    expect(changed.response.headers.get('etag')).not.toBe(before.response.headers.get('etag'));

    await setStatus(resultId, 'registered');
    await publish('ResultReinstated', resultId);
    await bitsBecome(slots, { revoked: false, suspended: false });

    await setStatus(resultId, 'deleted');
    await publish('ResultDeleted', resultId);
    await bitsBecome(slots, { revoked: true, suspended: false });
  });

  it('sets the bits of an extract issued while its result was being suspended', async () => {
    const { resultId, slots } = await aResultWithExtracts('suspended', 1);
    await publish('ExtractIssued', resultId);
    await bitsBecome(slots, { revoked: false, suspended: true });
  });

  it('ends in the bits of the current status whatever the order and repeats of the events', async () => {
    const deleted = await aResultWithExtracts('deleted', 2);
    const suspended = await aResultWithExtracts('suspended', 1);
    const deletion = anEvent('ResultDeleted', deleted.resultId);
    // Stale events after the deletion, and the deletion itself twice.
    await probe.publishEvent(deletion);
    await publish('ResultReinstated', deleted.resultId);
    await publish('ResultSuspended', deleted.resultId);
    await probe.publishEvent(deletion);
    await publish('ResultReinstated', suspended.resultId);
    await publish('ResultSuspended', suspended.resultId);
    await publish('ResultReinstated', suspended.resultId);
    await bitsBecome(deleted.slots, { revoked: true, suspended: false });
    await bitsBecome(suspended.slots, { revoked: false, suspended: true });
    // Once the queue is empty, nothing changes any more.
    await eventually(
      async () =>
        (await probe.messageCount(Queues.registerExtractStatus)) === 0 ? true : undefined,
      { what: 'register.extract-status to be empty' },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const slot of deleted.slots) {
      expect(await lists.statusOf(slot)).toEqual({ revoked: true, suspended: false });
    }
    expect(await lists.statusOf(suspended.slots[0])).toEqual({ revoked: false, suspended: true });
  });

  it('passes over registrations and corrections, and a result without extracts', async () => {
    // Stored as suspended, but no status event came yet: its bit is still clear.
    const { resultId, slots } = await aResultWithExtracts('suspended', 1);
    const plain = `21PA-P${randomUUID().slice(0, 8).toUpperCase()}`;
    await results().insertOne({ _id: plain, status: 'deleted' });
    const dlq = deadLetterQueue(Queues.registerExtractStatus);
    await probe.drain(dlq);
    await publish('ResultCorrected', resultId);
    await publish('ResultRegistered', resultId);
    await publish('ResultDeleted', plain);
    // The consumer takes a few milliseconds per event: a second is plenty to see nothing happen.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await lists.statusOf(slots[0])).toEqual({ revoked: false, suspended: false });
    expect(await probe.drain(dlq)).toEqual([]);
    // A status event for the same result, after them, does set the bit.
    await publish('ExtractIssued', resultId);
    await bitsBecome(slots, { revoked: false, suspended: true });
  });

  it('dead-letters an event of a result the register does not have', async () => {
    const dlq = deadLetterQueue(Queues.registerExtractStatus);
    await probe.drain(dlq);
    await publish('ResultDeleted', '21PA-UNKNOWN1');
    const dead = await eventually(
      async () => {
        const taken = await probe.drain(dlq);
        return taken.length > 0 ? taken : undefined;
      },
      { what: 'the event in register.extract-status.dlq' },
    );
    expect(dead[0].body).toMatchObject({ type: 'ResultDeleted', resultId: '21PA-UNKNOWN1' });
  });

  it('moves on to the next list after too many taken picks in a row, and stays there', async () => {
    const taken = await lists.allocate();
    // Every pick hits the index just handed out: list 1 looks full.
    const picks = jest
      .spyOn(app.get(DatabaseStatusLists), 'pickIndex')
      .mockImplementation(() => taken.index);
    const moved = await lists.allocate();
    picks.mockRestore();
    expect(moved).toEqual({ listNumber: 2, index: taken.index });
    expect((await lists.allocate()).listNumber).toBe(2);
    await served(2, 'revocation');
    expect((await fetch(`${url}/v1/status-lists/3-revocation`)).status).toBe(404);
  });

  it('keeps serving verifiable lists and allocating in the same list after a key rotation and restart', async () => {
    const oldKid = issuer.extractKids[0];
    const before = await served(1, 'revocation');
    const database = config.MONGO_DB!;
    await app.close();
    const newKid = await issuer.rotateExtractKeys();
    expect(issuer.extractKids).toEqual([newKid, oldKid]);
    await start(database);

    expect((await jwks()).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    const after = await served(1, 'revocation');
    expect(decodeProtectedHeader(after.jwt).kid).toBe(newKid);
    // A list (or extract) signed with the old key still verifies with the published keys.
    await expect(
      jwtVerify(before.jwt, createLocalJWKSet(await jwks()), { typ: 'vc+jwt' }),
    ).resolves.toMatchObject({ protectedHeader: { kid: oldKid } });
    expect(after.response.headers.get('etag')).not.toBe(before.response.headers.get('etag'));
    // The bits survived the restart, and allocation continues in the list it had reached.
    expect(after.bits.equals(before.bits)).toBe(true);
    expect((await lists.allocate()).listNumber).toBe(2);
  });
});
