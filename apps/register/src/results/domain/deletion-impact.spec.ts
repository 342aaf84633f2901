import { consequencesOf, isIrreversible } from './deletion-impact';
import type { PartnerHolding } from './result-state';

const holding = (partnerId: string, canRetract: boolean, retracted = false): PartnerHolding => ({
  partnerId,
  canRetract,
  deliveredAt: '2026-07-04T09:00:00.000Z',
  ...(retracted ? { retractedAt: '2026-07-05T09:00:00.000Z' } : {}),
});

describe('deletion impact', () => {
  it.each<[string, PartnerHolding[], number, boolean]>([
    ['nothing delivered, no extract', [], 0, false],
    ['a partner that can retract', [holding('mijnoverheid', true)], 0, false],
    ['a partner that cannot retract', [holding('cibg-big', false)], 0, true],
    ['an extract issued', [], 1, true],
    [
      'a non-retracting partner whose retraction is confirmed',
      [holding('cibg-big', false, true)],
      0,
      false,
    ],
    ['both partners', [holding('mijnoverheid', true), holding('cibg-big', false)], 0, true],
  ])('%s: irreversible=%s', (_name, holdings, extractsIssued, irreversible) => {
    const consequences = consequencesOf({ holdings, extractsIssued });
    expect(isIrreversible(consequences)).toBe(irreversible);
    expect(consequences.extractsIssued).toBe(extractsIssued);
    expect(consequences.partnersHolding).toEqual(
      holdings
        .filter((h) => !h.retractedAt)
        .map((h) => ({ partnerId: h.partnerId, canRetract: h.canRetract }))
        .sort((a, b) => a.partnerId.localeCompare(b.partnerId)),
    );
  });
});
