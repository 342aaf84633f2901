'use strict';
// Personal numbers for the benchmark's commands (DOMAIN.md: the BSN's 11-check).

/**
 * A random valid BSN: nine digits with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), not all
 * zeros. The check digit is the weighted sum of the first eight mod 11; a remainder of 10
 * has no digit, so those draws are retried.
 */
function randomBsn(random = Math.random) {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(random() * 10));
    const sum = digits.reduce((acc, d, i) => acc + (9 - i) * d, 0);
    const check = sum % 11;
    if (check === 10) continue;
    const bsn = `${digits.join('')}${check}`;
    if (bsn !== '000000000') return bsn;
  }
}

function isValidBsn(bsn) {
  if (!/^[0-9]{9}$/.test(bsn) || bsn === '000000000') return false;
  const d = [...bsn].map(Number);
  const sum = d.slice(0, 8).reduce((acc, x, i) => acc + (9 - i) * x, 0) - d[8];
  return sum % 11 === 0;
}

module.exports = { randomBsn, isValidBsn };
