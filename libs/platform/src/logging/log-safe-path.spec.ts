import { logSafePath } from './log-safe-path';

describe('logSafePath', () => {
  it.each([
    ['/v1/institutions/21PA/results/2026000123', '/v1/institutions/21PA/results/2026000123'],
    ['/v1/me/results?bsn=123456782', '/v1/me/results'],
    ['/v1/people/123456782', '/v1/people/*********'],
    ['/v1/me/results/21PA-123456782/extracts', '/v1/me/results/21PA-*********/extracts'],
    ['/v1/x/1012345678/y/12345678', '/v1/x/1012345678/y/12345678'],
  ])('logs %s as %s', (url, logged) => {
    expect(logSafePath(url)).toBe(logged);
  });
});
