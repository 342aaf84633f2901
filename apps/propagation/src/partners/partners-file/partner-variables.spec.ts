import { partnerVariablesFrom } from './partner-variables';

describe('partnerVariablesFrom', () => {
  it('keeps the PARTNER_<ID>_SECRET and PARTNER_<ID>_URL variables that are set', () => {
    expect(
      partnerVariablesFrom({
        PARTNER_HOOK_SECRET: 's',
        PARTNER_HOOK_V2_URL: 'u',
        PARTNER_EMPTY_SECRET: '',
        PARTNER_HOOK_TOKEN: 't',
        PARTNER_SECRET: 'x',
        partner_hook_secret: 'lower',
        PROPAGATION_PORT: '3002',
        PATH: '/usr/bin',
      }),
    ).toEqual({ PARTNER_HOOK_SECRET: 's', PARTNER_HOOK_V2_URL: 'u' });
  });
});
