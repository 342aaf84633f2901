import { isValidBsn, isValidEducationNumber } from './personal-numbers';

/** 9·d1 + 8·d2 + … + 2·d8 − 1·d9, the weighted sum both checks share. */
const weightedSum = (value: string): number =>
  [...value].map(Number).reduce((acc, d, i) => acc + (i < 8 ? (9 - i) * d : -d), 0);
const mod11 = (n: number): number => ((n % 11) + 11) % 11;

describe('isValidBsn', () => {
  it.each([
    ['123456782', 'the contract example'],
    ['111222333', 'a second number passing the 11-check'],
    ['999999990', 'all nines with check digit 0'],
    ['010000008', 'a number with a leading zero'],
  ])('accepts %s (%s)', (bsn) => {
    expect(mod11(weightedSum(bsn))).toBe(0);
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    ['123456781', 'the 11-check fails'],
    ['123456783', 'the 11-check fails by one'],
    ['000000000', 'it is all zeros although its weighted sum is 0'],
    ['12345678', 'it has 8 digits'],
    ['1234567820', 'it has 10 digits'],
    ['', 'it is empty'],
    ['12345678a', 'it holds a letter'],
    [' 123456782', 'it has a leading space'],
    ['123 45678', 'it has an inner space'],
    ['100087109', 'it is an education number, not a BSN'],
  ])('rejects %p because %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });

  it('agrees with the 11-check for every number in a sample of the nine-digit range', () => {
    for (let n = 1; n < 1_000_000_000; n += 9_999_991) {
      const value = String(n).padStart(9, '0');
      expect(isValidBsn(value)).toBe(mod11(weightedSum(value)) === 0);
    }
  });
});

describe('isValidEducationNumber', () => {
  // Computed by hand: 100087109 → 9·1 + 5·8 + 4·7 + 3·1 − 9 = 71 = 6·11 + 5.
  it.each([
    ['100087109'],
    ['100221732'],
    ['100237570'],
    ['100285084'],
    ['100388031'],
    ['100411788'],
  ])('accepts %s: starts with 10 and its weighted sum leaves remainder 5', (value) => {
    expect(mod11(weightedSum(value))).toBe(5);
    expect(isValidEducationNumber(value)).toBe(true);
  });

  it.each([
    ['100087108', 'its weighted sum leaves remainder 6'],
    ['100087103', 'it passes the BSN 11-check (remainder 0) instead'],
    ['200087109', 'it does not start with 10'],
    ['110087109', 'it starts with 11'],
    ['10008710', 'it has 8 digits'],
    ['1000871090', 'it has 10 digits'],
    ['10008710x', 'it holds a letter'],
    ['', 'it is empty'],
  ])('rejects %p because %s', (value) => {
    expect(isValidEducationNumber(value)).toBe(false);
  });

  it('agrees with the rule for every number in a sample of the 10xxxxxxx range', () => {
    for (let n = 0; n < 10_000_000; n += 99_991) {
      const value = `10${String(n).padStart(7, '0')}`;
      expect(isValidEducationNumber(value)).toBe(mod11(weightedSum(value)) === 5);
    }
  });
});
