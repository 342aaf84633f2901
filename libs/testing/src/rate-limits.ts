/**
 * The per-client rate limit of services under test: out of the way, as tests poll and
 * hammer from one address and one token. A test of the limit itself sets low ones.
 */
export const TEST_RATE_LIMITS = {
  RATE_LIMIT_CLIENT: 1_000_000,
  RATE_LIMIT_ANONYMOUS_READ: 1_000_000,
  RATE_LIMIT_ANONYMOUS_WRITE: 1_000_000,
} as const;
