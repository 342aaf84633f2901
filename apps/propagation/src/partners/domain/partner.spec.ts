import type { ProgrammeV1 } from '@rod/contracts';
import type { Partner, PartnerFilter } from './partner';
import { partnerReceives } from './partner';

const partner = (filter: PartnerFilter): Partner => ({
  id: 'p',
  name: 'P',
  filter,
  canRetract: true,
  transport: { kind: 'queue' },
});

const hboBachelor: ProgrammeV1 = { crohoCode: '34560', level: 'HBO', examType: 'bachelor' };

describe('partnerReceives', () => {
  it.each([
    ['an empty filter', {}, true],
    ['a matching level', { levels: ['HBO'] }, true],
    ['another level', { levels: ['WO'] }, false],
    ['a matching exam type', { examTypes: ['bachelor', 'master'] }, true],
    ['another exam type', { examTypes: ['master'] }, false],
    ['a matching programme code', { crohoCodes: ['34560', '34566'] }, true],
    ['another programme code', { crohoCodes: ['34566'] }, false],
    ['an empty list of programme codes', { crohoCodes: [] }, false],
    [
      'all three matching',
      { levels: ['HBO'], examTypes: ['bachelor'], crohoCodes: ['34560'] },
      true,
    ],
    [
      'two matching, one not',
      { levels: ['HBO'], examTypes: ['bachelor'], crohoCodes: ['34566'] },
      false,
    ],
  ] as [string, PartnerFilter, boolean][])(
    'with %s, receives an HBO bachelor 34560: %s',
    (_name, filter, expected) => {
      expect(partnerReceives(partner(filter), hboBachelor)).toBe(expected);
    },
  );
});
