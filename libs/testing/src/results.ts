import { randomInt } from 'node:crypto';

/** A random BSN that passes the 11-check (DOMAIN.md), for tests that need distinct students. */
export function aBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => randomInt(10));
    if (digits[0] === 0) continue;
    const sum = digits.reduce((total, digit, i) => total + (9 - i) * digit, 0);
    const last = sum % 11;
    if (last < 10) return `${digits.join('')}${last}`;
  }
}

/** A fresh result sequence number: letters and digits only. */
export function aResultSequence(): string {
  return `T${Date.now().toString(36)}${randomInt(1_000_000).toString(36)}`
    .toUpperCase()
    .slice(0, 20);
}

/** A valid `register-result` body. */
export function aRegistration(
  institutionCode: string,
  resultSequence = aResultSequence(),
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    institutionCode,
    resultSequence,
    person: { bsn: aBsn() },
    programme: { crohoCode: '34479', level: 'HBO', examType: 'bachelor' },
    examDate: '2026-07-03',
    studyMode: 'full-time',
    ...overrides,
  };
}
