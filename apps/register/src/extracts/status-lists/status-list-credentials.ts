import { Injectable } from '@nestjs/common';
import { ExtractKeyRing, STATUS_LIST_SIZE } from '../extract-ports';
import { bitstringWith, encodeList } from './domain/bitstring';
import { etagOf } from './domain/etag';
import { indexesOf } from './domain/extract-status';
import type { StatusListRef } from './domain/status-list-id';
import { statusListCredential } from './domain/status-list-credential';
import { DatabaseStatusLists } from './database-status-lists';
import { StatusListStore } from './persistence/status-list.store';
import type { StatusListDocument } from './persistence/status-list.schema';

/** How long a verifier may keep a status list: `Cache-Control: max-age` and the list's `ttl`. */
export const STATUS_LIST_MAX_AGE_SECONDS = 60;

/** How long a built credential is served without looking at the database again. */
export const STATUS_LIST_MEMORY_MS = 5_000;

/** A signed status list credential, ready to serve. */
export interface SignedStatusList {
  jwt: string;
  etag: string;
}

interface Cached {
  version: number;
  freshUntil: number;
  signed: Promise<SignedStatusList>;
}

/**
 * The status list credentials as VC-JWTs signed by the extract key ring. Built on demand
 * (about a millisecond: a 16 KiB bitstring gzipped and signed) and kept in memory per list
 * and version: for STATUS_LIST_MEMORY_MS without a database read, then as long as the
 * list's version has not changed.
 */
@Injectable()
export class StatusListCredentials {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly lists: StatusListStore,
    private readonly statusLists: DatabaseStatusLists,
    private readonly keyRing: ExtractKeyRing,
  ) {}

  /** The signed credential of one list; null when no index of its list number was handed out. */
  async get(ref: StatusListRef, now = Date.now()): Promise<SignedStatusList | null> {
    const key = `${ref.listNumber}-${ref.purpose}`;
    const cached = this.cache.get(key);
    if (cached && cached.freshUntil > now) return cached.signed;
    const list = await this.lists.find(ref.listNumber);
    if (!list) return null;
    if (cached && cached.version === list.version) {
      cached.freshUntil = now + STATUS_LIST_MEMORY_MS;
      return cached.signed;
    }
    const signed = this.build(ref, list);
    const entry: Cached = {
      version: list.version,
      freshUntil: now + STATUS_LIST_MEMORY_MS,
      signed,
    };
    this.cache.set(key, entry);
    // A failed build is not kept: the next request tries again.
    signed.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return signed;
  }

  private async build(ref: StatusListRef, list: StatusListDocument): Promise<SignedStatusList> {
    const encodedList = encodeList(bitstringWith(STATUS_LIST_SIZE, indexesOf(list, ref.purpose)));
    const jwt = await this.keyRing.signVcJwt(
      statusListCredential({
        url: this.statusLists.credentialUrl(ref.listNumber, ref.purpose),
        issuer: this.keyRing.issuer,
        purpose: ref.purpose,
        encodedList,
        validFrom: list.updatedAt,
        ttlMs: STATUS_LIST_MAX_AGE_SECONDS * 1000,
      }),
    );
    return { jwt, etag: etagOf(jwt) };
  }
}
