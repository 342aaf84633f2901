import { etagOf, noneMatchHits } from './etag';

describe('etagOf', () => {
  it('is a strong ETag that changes with the body', () => {
    expect(etagOf('a')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf('a')).toBe(etagOf('a'));
    expect(etagOf('a')).not.toBe(etagOf('b'));
  });
});

describe('noneMatchHits', () => {
  const etag = '"abc"';
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x","y"', false],
    ['*', true],
    ['"ab"', false],
  ])('If-None-Match %p matches: %p', (header, hit) => {
    expect(noneMatchHits(header, etag)).toBe(hit);
  });
});
