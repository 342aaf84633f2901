import type { DeliveryCounts } from '../delivery-counts.port';
import { PartnerDirectory } from '../partner-directory';
import { PartnersController } from './partners.controller';

const directory = new PartnerDirectory([
  {
    id: 'hook',
    name: 'Hook',
    filter: {},
    canRetract: true,
    transport: {
      kind: 'webhook',
      url: 'https://p.example/h',
      secret: 'x'.repeat(20),
      timeoutMs: 900,
    },
  },
]);

describe('PartnersController', () => {
  it('lists the partners without deliveries when no DeliveryCounts is bound', async () => {
    const listing = await new PartnersController(directory).list();
    expect(listing).toEqual([
      {
        id: 'hook',
        name: 'Hook',
        filter: {},
        canRetract: true,
        transport: { kind: 'webhook', url: 'https://p.example/h', timeoutMs: 900, hasSecret: true },
      },
    ]);
  });

  it('lists the partners with the counts of the bound DeliveryCounts', async () => {
    const counts: DeliveryCounts = {
      countsByPartner: () => Promise.resolve({ hook: { parked: 2 } }),
    };
    const [hook] = await new PartnersController(directory, counts).list();
    expect(hook.deliveries).toEqual({
      pending: 0,
      delivered: 0,
      parked: 2,
      retracted: 0,
      skipped: 0,
    });
  });
});
