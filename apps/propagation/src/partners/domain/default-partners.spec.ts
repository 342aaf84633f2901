import type { ProgrammeV1 } from '@rod/contracts';
import { DEFAULT_PARTNERS, HEALTHCARE_CROHO_CODES } from './default-partners';
import { partnerReceives } from './partner';

const receivers = (programme: ProgrammeV1): string[] =>
  DEFAULT_PARTNERS.filter((p) => partnerReceives(p, programme)).map((p) => p.id);

describe('DEFAULT_PARTNERS', () => {
  it('are cibg-big, which cannot retract, and mijnoverheid, which can', () => {
    expect(DEFAULT_PARTNERS.map((p) => [p.id, p.canRetract])).toEqual([
      ['cibg-big', false],
      ['mijnoverheid', true],
    ]);
  });

  it('reach both partners over their own broker queue', () => {
    expect(DEFAULT_PARTNERS.map((p) => p.transport.kind)).toEqual(['queue', 'queue']);
  });

  it('list only five-digit programme codes as healthcare', () => {
    expect(HEALTHCARE_CROHO_CODES.length).toBeGreaterThan(0);
    for (const code of HEALTHCARE_CROHO_CODES) expect(code).toMatch(/^[0-9]{5}$/);
  });

  it.each(HEALTHCARE_CROHO_CODES.map((code) => [code]))(
    'send a result of healthcare programme %s to both partners',
    (crohoCode) => {
      expect(receivers({ crohoCode, level: 'WO', examType: 'master' })).toEqual([
        'cibg-big',
        'mijnoverheid',
      ]);
    },
  );

  it.each([
    [{ crohoCode: '34479', level: 'HBO', examType: 'bachelor' }],
    [{ crohoCode: '50000', level: 'WO', examType: 'master' }],
    [{ crohoCode: '80000', level: 'HBO', examType: 'associate-degree' }],
    [{ crohoCode: '56550', level: 'WO', examType: 'propedeuse' }],
  ] as [ProgrammeV1][])(
    'send a result of another programme (%j) to mijnoverheid only',
    (programme) => {
      expect(receivers(programme)).toEqual(['mijnoverheid']);
    },
  );
});
