import { createHmac } from 'node:crypto';

/** `X-Signature` of a webhook delivery (CONTRACT.md): `sha256=<hex HMAC-SHA256 of the body>`. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
