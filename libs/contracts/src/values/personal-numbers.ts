import isTaxID from 'validator/lib/isTaxID';

/**
 * BSN ("burgerservicenummer"): nine digits passing the 11-check
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), and not all zeros.
 * validator's `nl-NL` tax id is exactly the BSN check.
 */
export function isValidBsn(value: string): boolean {
  return /^[0-9]{9}$/.test(value) && value !== '000000000' && isTaxID(value, 'nl-NL');
}

/**
 * Education number ("onderwijsnummer"), for students without a BSN: nine digits
 * starting with `10` whose weighted sum (as for the BSN) leaves remainder 5 mod 11.
 * No published library knows this variant of the check, hence this function.
 */
export function isValidEducationNumber(value: string): boolean {
  if (!/^10[0-9]{7}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, d, i) => acc + (9 - i) * d, 0) - digits[8];
  return ((sum % 11) + 11) % 11 === 5;
}
