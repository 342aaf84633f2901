import type { ExamType, ProgrammeLevel, ProgrammeV1 } from '@rod/contracts';

/** Which results a partner receives; an absent list means "all". */
export interface PartnerFilter {
  levels?: ProgrammeLevel[];
  examTypes?: ExamType[];
  crohoCodes?: string[];
}

/** The partner reads its own broker queue, `partner.<id>.inbox`. */
export interface QueueTransport {
  kind: 'queue';
}

/** The partner is sent `POST <url>`, signed with `secret` (CONTRACT.md, `X-Signature`). */
export interface WebhookTransport {
  kind: 'webhook';
  url: string;
  secret: string;
  /** How long one attempt may take, from the request to the end of the answer. */
  timeoutMs: number;
}

export type PartnerTransport = QueueTransport | WebhookTransport;

export interface Partner {
  /** Lowercase letters, digits and dashes: it names the partner's queue and routing key. */
  id: string;
  name: string;
  filter: PartnerFilter;
  /** Whether the partner can undo a delivery when the result is deleted. */
  canRetract: boolean;
  transport: PartnerTransport;
}

export type WebhookPartner = Partner & { transport: WebhookTransport };

export function isWebhookPartner(partner: Partner): partner is WebhookPartner {
  return partner.transport.kind === 'webhook';
}

export function partnerReceives(partner: Partner, programme: ProgrammeV1): boolean {
  const { levels, examTypes, crohoCodes } = partner.filter;
  return (
    (!levels || levels.includes(programme.level)) &&
    (!examTypes || examTypes.includes(programme.examType)) &&
    (!crohoCodes || crohoCodes.includes(programme.crohoCode))
  );
}
