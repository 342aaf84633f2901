import type { Partner, PartnerTransport } from './partner';
import { partnerPublicView } from './partner-public-view';

const SECRET = 'a-very-secret-webhook-key';

const partnerWith = (transport: PartnerTransport): Partner => ({
  id: 'hook',
  name: 'Hook',
  filter: { levels: ['WO'] },
  canRetract: true,
  transport,
});

const webhookAt = (url: string): PartnerTransport => ({
  kind: 'webhook',
  url,
  secret: SECRET,
  timeoutMs: 5000,
});

describe('partnerPublicView', () => {
  it('shows a queue partner as it is', () => {
    expect(partnerPublicView(partnerWith({ kind: 'queue' }))).toEqual({
      id: 'hook',
      name: 'Hook',
      filter: { levels: ['WO'] },
      canRetract: true,
      transport: { kind: 'queue' },
    });
  });

  it.each([
    ['a plain URL', 'https://partner.example/hooks/rod', 'https://partner.example/hooks/rod'],
    [
      'a URL with user info',
      'https://rod:pa55word@partner.example/hook',
      'https://***@partner.example/hook',
    ],
    [
      'a URL with a token in its query',
      'https://partner.example/hook?token=abc123&v=2',
      'https://partner.example/hook?token=***&v=***',
    ],
  ])('shows a webhook with %s without its secret', (_what, url, shown) => {
    const view = partnerPublicView(partnerWith(webhookAt(url)));
    expect(view.transport).toEqual({
      kind: 'webhook',
      url: shown,
      timeoutMs: 5000,
      hasSecret: true,
    });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(JSON.stringify(view)).not.toMatch(/pa55word|abc123/);
  });

  it('gives a copy: changing the view changes not the partner', () => {
    const partner = partnerWith({ kind: 'queue' });
    partnerPublicView(partner).filter.levels?.push('HBO');
    expect(partner.filter).toEqual({ levels: ['WO'] });
  });
});
