import fc from 'fast-check';
import { isValidBsn, isValidEducationNumber } from './personal-numbers';

// Fixed seed: a failure prints it with the shrunk counterexample and reproduces.
const RUNS = { seed: 20261128, numRuns: 500 };

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1];
const weightedSum = (digits: number[]): number =>
  digits.reduce((sum, d, i) => sum + WEIGHTS[i] * d, 0);
const mod11 = (n: number): number => ((n % 11) + 11) % 11;

/** Nine digits whose weighted sum leaves `remainder` mod 11, built from the first eight. */
function withCheckDigit(first8: number[], remainder: number): string | null {
  const last = mod11(weightedSum([...first8, 0]) - remainder);
  return last > 9 ? null : [...first8, last].join('');
}

const digit = fc.integer({ min: 0, max: 9 });
const validBsn = fc
  .array(digit, { minLength: 8, maxLength: 8 })
  .map((first8) => withCheckDigit(first8, 0))
  .filter((v): v is string => v !== null && v !== '000000000');
const validEducationNumber = fc
  .array(digit, { minLength: 6, maxLength: 6 })
  .map((rest) => withCheckDigit([1, 0, ...rest], 5))
  .filter((v): v is string => v !== null);

/** The same number with one digit changed to another. */
const oneDigitChanged = (valid: fc.Arbitrary<string>) =>
  fc
    .tuple(valid, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }))
    .map(([value, at, delta]) => {
      const changed = (Number(value[at]) + delta) % 10;
      return value.slice(0, at) + String(changed) + value.slice(at + 1);
    });

/** Two neighbouring, different digits swapped (the classic typing error). */
const neighboursSwapped = (valid: fc.Arbitrary<string>) =>
  fc
    .tuple(valid, fc.integer({ min: 0, max: 7 }))
    .filter(([value, at]) => value[at] !== value[at + 1])
    .map(([value, at]) => value.slice(0, at) + value[at + 1] + value[at] + value.slice(at + 2));

describe.each([
  ['isValidBsn', isValidBsn, validBsn],
  ['isValidEducationNumber', isValidEducationNumber, validEducationNumber],
] as const)('%s (properties)', (_name, isValid, valid) => {
  it('accepts every number built with the right check digit', () => {
    fc.assert(
      fc.property(valid, (value) => isValid(value)),
      RUNS,
    );
  });

  it('rejects every number with one digit changed (the check catches single errors)', () => {
    fc.assert(
      fc.property(oneDigitChanged(valid), (value) => !isValid(value)),
      RUNS,
    );
  });

  it('rejects every number with two different neighbouring digits swapped', () => {
    fc.assert(
      fc.property(neighboursSwapped(valid), (value) => !isValid(value)),
      RUNS,
    );
  });

  it('rejects every string of another length, with a non-digit, or padded', () => {
    const wrongShape = fc.oneof(
      fc.stringMatching(/^[0-9]{0,8}$/),
      fc.stringMatching(/^[0-9]{10,14}$/),
      valid.map((v) => ` ${v}`),
      valid.map((v) => `${v}\n`),
      fc
        .tuple(valid, fc.integer({ min: 0, max: 8 }), fc.constantFrom('a', '-', ' ', '٣', '.'))
        .map(([v, at, c]) => v.slice(0, at) + c + v.slice(at + 1)),
    );
    fc.assert(
      fc.property(wrongShape, (value) => !isValid(value)),
      RUNS,
    );
  });

  it('answers (never throws) for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => typeof isValid(value) === 'boolean'),
      RUNS,
    );
  });
});

describe('BSN and education number (properties)', () => {
  it('no nine-digit string is both a BSN and an education number', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{9}$/),
        (value) => !(isValidBsn(value) && isValidEducationNumber(value)),
      ),
      RUNS,
    );
  });

  it('agrees with the 11-check of DOMAIN.md on every nine-digit string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{9}$/), (value) => {
        const remainder = mod11(weightedSum([...value].map(Number)));
        expect(isValidBsn(value)).toBe(remainder === 0 && value !== '000000000');
        expect(isValidEducationNumber(value)).toBe(remainder === 5 && value.startsWith('10'));
      }),
      RUNS,
    );
  });
});
