import { PARTNER_ID_PATTERN, partnerEnvName } from './partner-id';

describe('PARTNER_ID_PATTERN', () => {
  it.each([
    ['cibg-big', true],
    ['mijnoverheid', true],
    ['duo2', true],
    ['a', true],
    ['a-b-c-1', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['', false],
    ['CIBG', false],
    ['cibg_big', false],
    ['cibg.big', false],
    ['cibg big', false],
    ['-cibg', false],
    ['cibg-', false],
    ['cibg--big', false],
    ['cibg#', false],
    ['cibg*', false],
    ['zoë', false],
  ])('%p is a partner id: %s', (id, expected) => {
    expect(PARTNER_ID_PATTERN.test(id)).toBe(expected);
  });
});

describe('partnerEnvName', () => {
  it.each([
    ['cibg-big', 'CIBG_BIG'],
    ['mijnoverheid', 'MIJNOVERHEID'],
    ['a-b-2', 'A_B_2'],
  ])('names %p as %p in PARTNER_<ID>_… variables', (id, expected) => {
    expect(partnerEnvName(id)).toBe(expected);
  });
});
