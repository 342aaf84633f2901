'use strict';
// A seeded random source (mulberry32), so that a run can be repeated with --seed, and the
// generators of valid test values the load needs.

function seededRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** A test citizen service number: nine digits passing the 11-check (never a real person's on purpose). */
function testBsn(random) {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => random.int(10));
    const sum = digits.reduce((s, d, i) => s + (9 - i) * d, 0);
    const last = sum % 11;
    if (last > 9 || digits.every((d) => d === 0)) continue;
    return [...digits, last].join('');
  }
}

module.exports = { seededRandom, testBsn };
