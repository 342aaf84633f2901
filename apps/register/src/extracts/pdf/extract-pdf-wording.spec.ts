import {
  dateInWords,
  examTypeInWords,
  instantInWords,
  levelInWords,
  personNumberLabel,
  studyModeInWords,
} from './extract-pdf-wording';

describe('the words of the printed extract', () => {
  it.each([
    ['propedeuse', 'Propaedeutic certificate (propedeuse)'],
    ['associate-degree', 'Associate degree'],
    ['bachelor', 'Bachelor'],
    ['master', 'Master'],
    ['doctorate', 'doctorate'],
  ])('exam type %s reads "%s"', (code, words) => {
    expect(examTypeInWords(code)).toBe(words);
  });

  it.each([
    ['HBO', 'HBO, higher professional education'],
    ['WO', 'WO, research university education'],
  ])('level %s reads "%s"', (code, words) => {
    expect(levelInWords(code)).toBe(words);
  });

  it.each([
    ['full-time', 'Full-time'],
    ['part-time', 'Part-time'],
    ['dual', 'Dual (work and study combined)'],
    ['evening', 'evening'],
  ])('study mode %s reads "%s"', (code, words) => {
    expect(studyModeInWords(code)).toBe(words);
  });

  it.each([
    ['bsn', 'Citizen service number (BSN)'],
    ['educationNumber', 'Education number (onderwijsnummer)'],
  ] as const)('labels a %s', (kind, label) => {
    expect(personNumberLabel(kind)).toBe(label);
  });

  it.each([
    ['2026-07-03', '3 July 2026'],
    ['1950-01-01', '1 January 1950'],
    ['2026-12-31', '31 December 2026'],
    ['2026-13-01', '2026-13-01'],
    ['03-07-2026', '03-07-2026'],
  ])('date %s reads "%s"', (date, words) => {
    expect(dateInWords(date)).toBe(words);
  });

  it.each([
    ['2026-09-01T10:00:00.000Z', '1 September 2026, 10:00 UTC'],
    ['2026-09-01T23:59:59Z', '1 September 2026, 23:59 UTC'],
    ['2026-09-01T00:30:00+02:00', '31 August 2026, 22:30 UTC'],
    ['not a time', 'not a time'],
  ])('instant %s reads "%s"', (instant, words) => {
    expect(instantInWords(instant)).toBe(words);
  });
});
