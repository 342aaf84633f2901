import { instantOf } from './instants';

describe('instantOf', () => {
  it.each([
    '2026-04-30T22:00:00.000Z',
    '2026-04-30T21:59:59.999Z',
    '2026-10-31T23:00:00.000Z',
    '2024-02-29T12:00:00.000Z',
    '2000-02-29T00:00:00.000Z',
    '1970-01-01T00:00:00.000Z',
    '1969-12-31T23:59:59.999Z',
    '1950-01-01T00:00:00.000Z',
    '0000-03-01T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    '2026-04-30T23:59:59+02:00',
    '2026-05-01T00:00:00Z',
    '2026-05-01T00:00:00.5Z',
    '2026-05-01',
    '2025-02-29T00:00:00.000Z',
    '1900-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-13-01T00:00:00.000Z',
    '2026-05-01T24:00:00.000Z',
    '2026-05-01T00:60:00.000Z',
    '2026-05-01T00:00:60.000Z',
    '2026-05-01 00:00:00.000Z',
    '2026-05-0xT00:00:00.000Z',
    'yesterday',
    '',
  ])('reads %p as Date.parse does', (iso) => {
    expect(instantOf(iso)).toBe(Date.parse(iso));
  });

  it('agrees with Date.parse on every hour of four years', () => {
    const start = Date.parse('2024-01-01T00:00:00.000Z');
    for (let t = start; t < start + 4 * 366 * 86_400_000; t += 3_600_000 + 1_234) {
      const iso = new Date(t).toISOString();
      if (instantOf(iso) !== t) throw new Error(`${iso}: ${instantOf(iso)} instead of ${t}`);
    }
  });
});
