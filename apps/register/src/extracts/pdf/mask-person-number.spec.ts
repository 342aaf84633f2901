import { maskPersonNumber } from './mask-person-number';

describe('maskPersonNumber', () => {
  it.each([
    ['a BSN', '123456782', '******782'],
    ['an education number', '101234567', '******567'],
    ['four characters', '1234', '*234'],
    ['exactly three characters (never shown whole)', '782', '***'],
    ['two characters', '82', '**'],
    ['an empty string', '', ''],
  ])('masks %s: %s → %s', (_case, personNumber, masked) => {
    expect(maskPersonNumber(personNumber)).toBe(masked);
  });

  it('keeps the length, so the reader sees how many digits were hidden', () => {
    expect(maskPersonNumber('123456782')).toHaveLength(9);
  });
});
