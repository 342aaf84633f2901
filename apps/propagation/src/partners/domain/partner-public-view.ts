import type { Partner, PartnerFilter } from './partner';

/** A webhook as operations may see it: the secret is never shown, only that there is one. */
export interface PublicWebhookTransport {
  kind: 'webhook';
  url: string;
  timeoutMs: number;
  hasSecret: boolean;
}

export interface PublicPartner {
  id: string;
  name: string;
  filter: PartnerFilter;
  canRetract: boolean;
  transport: { kind: 'queue' } | PublicWebhookTransport;
}

/**
 * The partner without its webhook secret, nor what may be a credential in its URL (user
 * info, query values: some partners hand out URLs with a token in them).
 */
export function partnerPublicView(partner: Partner): PublicPartner {
  const { id, name, filter, canRetract, transport } = partner;
  const base = { id, name, filter: structuredClone(filter), canRetract };
  if (transport.kind === 'queue') return { ...base, transport: { kind: 'queue' } };
  return {
    ...base,
    transport: {
      kind: 'webhook',
      url: withoutCredentials(transport.url),
      timeoutMs: transport.timeoutMs,
      hasSecret: transport.secret.length > 0,
    },
  };
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password && !parsed.search) return url;
  if (parsed.username || parsed.password) {
    parsed.username = '***';
    parsed.password = '';
  }
  for (const key of new Set(parsed.searchParams.keys())) parsed.searchParams.set(key, '***');
  return parsed.toString();
}
