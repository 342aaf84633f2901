import { Logger } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { aRecord } from '../../results/domain/testing/records';
import type { ResultDocument } from '../../results/persistence/result.schema';
import type { ResultRepository } from '../../results/persistence/result.repository';
import type { PublicJwk, StatusPurpose, StatusSlot } from '../extract-ports';
import { ExtractKeyRing, ExtractStatusLists } from '../extract-ports';
import { IssueExtractUseCase } from './issue-extract.use-case';

const BSN = '123456782';

/** Signs with a readable fake: header `{"kid":"k-1"}`, the claims as the payload. */
class FakeKeyRing extends ExtractKeyRing {
  signed: Record<string, unknown>[] = [];
  get issuer(): string {
    return 'https://register.example';
  }
  publicJwks(): { keys: PublicJwk[] } {
    return { keys: [] };
  }
  signVcJwt(claims: Record<string, unknown>): Promise<string> {
    this.signed.push(claims);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return Promise.resolve(
      `${part({ alg: 'EdDSA', kid: 'k-1', typ: 'vc+jwt' })}.${part(claims)}.sig`,
    );
  }
}

class FakeStatusLists extends ExtractStatusLists {
  allocated = 0;
  allocate(): Promise<StatusSlot> {
    this.allocated += 1;
    return Promise.resolve({ listNumber: 1, index: 1000 + this.allocated });
  }
  credentialUrl(listNumber: number, purpose: StatusPurpose): string {
    return `https://register.example/v1/status-lists/${listNumber}-${purpose}`;
  }
  statusOf(): Promise<{ revoked: boolean; suspended: boolean }> {
    return Promise.resolve({ revoked: false, suspended: false });
  }
}

const aDocument = (overrides: Partial<ResultDocument> = {}): ResultDocument => ({
  ...aRecord(),
  version: 1,
  outboxPending: false,
  outbox: [],
  ...overrides,
});

/** A repository over a list of reads: each `findById` returns the next one. */
function repository(reads: (ResultDocument | null)[], writes: boolean[]) {
  const written: { doc: ResultDocument; readVersion: number }[] = [];
  const repo = {
    findById: jest.fn(() => Promise.resolve(reads.shift() ?? null)),
    exclusively: <T>(_id: string, task: () => Promise<T>) => task(),
    replace: jest.fn((doc: ResultDocument, readVersion: number) => {
      written.push({ doc, readVersion });
      return Promise.resolve(writes.shift() ?? true);
    }),
  };
  return { repo: repo as unknown as ResultRepository, written };
}

describe('IssueExtractUseCase', () => {
  let logged: unknown[];
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      logged.push(message);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it('stores the extract, the count and ExtractIssued in one write, and answers the credential', async () => {
    const { repo, written } = repository([aDocument({ sequence: 3 })], [true]);
    const ring = new FakeKeyRing();
    const outcome = await new IssueExtractUseCase(repo, ring, new FakeStatusLists()).execute(
      BSN,
      '21PA-2026000123',
    );
    if (outcome.kind !== 'issued') throw new Error('expected an extract');
    expect(written).toHaveLength(1);
    const { doc, readVersion } = written[0];
    expect(readVersion).toBe(1);
    expect(doc).toMatchObject({
      version: 2,
      sequence: 4,
      extractsIssued: 1,
      extracts: [{ extractId: outcome.extract.extractId, kid: 'k-1', listNumber: 1, index: 1001 }],
      outboxPending: true,
      history: [{ sequence: 4, type: 'ExtractIssued' }],
      outbox: [{ routingKey: 'extract.issued.v1', type: 'ExtractIssued' }],
    });
    expect(decodeJwt(outcome.credential)).toMatchObject({
      jti: `urn:uuid:${outcome.extract.extractId}`,
      credentialSubject: { person: { bsn: BSN } },
    });
    expect(logged).toEqual([
      expect.objectContaining({ msg: 'extract issued', extractId: outcome.extract.extractId }),
    ]);
    const log = JSON.stringify(logged);
    expect(log).not.toContain(BSN);
    expect(log).not.toContain(outcome.credential.split('.')[1]);
  });

  it('decides again after losing a race: the same slot and id, the result as it is now', async () => {
    const before = aDocument({ version: 1, sequence: 1 });
    const after = aDocument({
      version: 2,
      sequence: 2,
      fields: { ...aRecord().fields, studyMode: 'dual' },
    });
    const { repo, written } = repository([before, after], [false, true]);
    const ring = new FakeKeyRing();
    const lists = new FakeStatusLists();
    const outcome = await new IssueExtractUseCase(repo, ring, lists).execute(
      BSN,
      '21PA-2026000123',
    );
    expect(outcome.kind).toBe('issued');
    expect(lists.allocated).toBe(1);
    expect(written.map((w) => [w.readVersion, w.doc.sequence])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(
      ring.signed.map((c) => (c.credentialSubject as { studyMode: string }).studyMode),
    ).toEqual(['full-time', 'dual']);
    expect(new Set(ring.signed.map((c) => c.id)).size).toBe(1);
  });

  it.each([
    ['another student’s result', '999999990', aDocument(), 'unknown-result'],
    ['a result suspended meanwhile', BSN, aDocument({ status: 'suspended' }), 'invalid-state'],
  ])('refuses %s without reserving a slot or signing', async (_name, student, doc, code) => {
    const { repo, written } = repository([doc], []);
    const ring = new FakeKeyRing();
    const lists = new FakeStatusLists();
    const outcome = await new IssueExtractUseCase(repo, ring, lists).execute(student, doc._id);
    expect(outcome).toMatchObject({ kind: 'refused', code });
    expect([lists.allocated, ring.signed.length, written.length]).toEqual([0, 0, 0]);
  });
});
