import type { WebhookPartner } from '../partners/domain/partner';
import { classifyWebhookResponse } from './classify-webhook-response';
import { signBody } from './sign-body';
import type { WebhookOutcome } from './webhook-outcome';

/** The most of an answer's body read (and thrown away) before the connection is let go. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One attempt at a webhook delivery: `POST <url>` with the exact JSON `body`, signed
 * (`X-Signature`) with the partner's secret and marked with its `X-Delivery-Id`, within
 * the partner's timeout. Never throws: every failure is an outcome.
 */
export async function sendWebhook(
  partner: WebhookPartner,
  body: string,
  deliveryId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<WebhookOutcome> {
  const { url, secret, timeoutMs } = partner.transport;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Signature': signBody(body, secret),
        'X-Delivery-Id': deliveryId,
      },
      body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    return { kind: 'retry', reason: failureReason(error, signal, timeoutMs) };
  }
  // The status decides; the body is read only so that the connection can be reused.
  await discardBody(response);
  return classifyWebhookResponse(response.status, response.headers.get('retry-after'));
}

function failureReason(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code ? `connection failed (${code})` : 'connection failed';
}

async function discardBody(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  try {
    let read = 0;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      read += (chunk.value as Uint8Array).byteLength;
      if (read >= MAX_ANSWER_BYTES) break;
    }
    await reader.cancel();
  } catch {
    // The answer's status is in; a body cut short (or timed out) changes nothing.
  }
}
