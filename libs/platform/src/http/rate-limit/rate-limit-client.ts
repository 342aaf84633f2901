import type { IncomingHttpHeaders } from 'node:http';
import { normalizeIp } from '@nestjs/throttler';
import { bearerToken } from '../../auth/bearer-token';
import type { TokenVerifier } from '../../auth/token-verifier';
import type { RateLimitSettings } from './rate-limit-settings';

/** Which limit applies: a verified token's client, or an address without one (GET or not). */
export type RateLimitClass = 'client' | 'anonymous-read' | 'anonymous-write';

/** One client of the rate limit: its class and who it is (never logged; hashed as a key). */
export interface RateLimitClient {
  limitClass: RateLimitClass;
  tracker: string;
}

export interface RateLimitedRequest {
  method: string;
  /** The client's address, through HTTP_TRUST_PROXY's proxies. */
  ip?: string;
  headers: IncomingHttpHeaders;
}

const READS = new Set(['GET', 'HEAD']);

/**
 * The client a request counts against: the institution, or the token's subject, when its
 * bearer token is valid (a token that is not counts as none, so it cannot pick a bucket);
 * otherwise the client's address.
 */
export async function rateLimitClient(
  request: RateLimitedRequest,
  verifier: TokenVerifier,
): Promise<RateLimitClient> {
  if (request.headers.authorization) {
    const principal = await verifier
      .verify(bearerToken(request.headers.authorization))
      .catch(() => undefined);
    if (principal) {
      const tracker = principal.institutionCode
        ? `institution:${principal.institutionCode}`
        : `subject:${principal.subject}`;
      return { limitClass: 'client', tracker };
    }
  }
  return {
    limitClass: READS.has(request.method) ? 'anonymous-read' : 'anonymous-write',
    tracker: `address:${normalizeIp(request.ip ?? 'unknown')}`,
  };
}

/** The number of requests per window a class of client may make. */
export function rateLimitOf(limitClass: RateLimitClass, settings: RateLimitSettings): number {
  switch (limitClass) {
    case 'client':
      return settings.RATE_LIMIT_CLIENT;
    case 'anonymous-read':
      return settings.RATE_LIMIT_ANONYMOUS_READ;
    case 'anonymous-write':
      return settings.RATE_LIMIT_ANONYMOUS_WRITE;
  }
}
