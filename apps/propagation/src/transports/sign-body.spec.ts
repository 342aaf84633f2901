import { createHmac, timingSafeEqual } from 'node:crypto';
import { signBody } from './sign-body';

describe('signBody', () => {
  it.each([
    // RFC 4231-style known answer (the widely published HMAC-SHA256 example).
    [
      'The quick brown fox jumps over the lazy dog',
      'key',
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    ],
    ['', '', 'sha256=b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad'],
  ])('signs %p with %p as %s', (body, secret, expected) => {
    expect(signBody(body, secret)).toBe(expected);
  });

  it('signs the UTF-8 bytes of the body, so a partner can verify what it received', () => {
    const body = JSON.stringify({ name: 'Zoë Çelik', city: 'Zürich' });
    const secret = 'a-secret-of-16-chars';
    const received = Buffer.from(body, 'utf8');
    const expected = `sha256=${createHmac('sha256', secret).update(received).digest('hex')}`;
    expect(timingSafeEqual(Buffer.from(signBody(body, secret)), Buffer.from(expected))).toBe(true);
  });

  it.each([
    ['another body', '{"a":2}', 'a-secret-of-16-chars'],
    ['another secret', '{"a":1}', 'b-secret-of-16-chars'],
  ])('differs for %s', (_what, body, secret) => {
    expect(signBody(body, secret)).not.toBe(signBody('{"a":1}', 'a-secret-of-16-chars'));
  });
});
