'use strict';
// The register-result commands an institution back-end sends (CONTRACT.md, "Commands").

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

/** `count` BRIN codes (two digits, two capitals): 10AA, 11AB, 12AC, … */
function institutionCodes(count) {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from(
    { length: count },
    (_, i) => `${10 + i}${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`,
  );
}

/**
 * The i-th command of a run. `run` is a short token unique to the run, so sequences never
 * collide with an earlier run's (resultSequence: 1-20 letters or digits).
 */
function registerResultCommand(run, i, codes) {
  const institutionCode = codes[i % codes.length];
  const resultSequence = `B${run}${i}`;
  return {
    institutionCode,
    resultSequence,
    resultId: `${institutionCode}-${resultSequence}`,
    routingKey: `institution.${institutionCode}.register-result`,
    body: {
      institutionCode,
      resultSequence,
      person: { bsn: randomBsn() },
      programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
      examDate: '2026-07-03',
      studyMode: 'full-time',
    },
  };
}

module.exports = { randomBsn, isValidBsn, institutionCodes, registerResultCommand };
