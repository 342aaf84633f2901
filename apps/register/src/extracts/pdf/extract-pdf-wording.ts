/**
 * The words the printed extract uses for the result's codes and dates. Pure and
 * locale-free (no `Intl`), so the same input prints the same page on every machine.
 */

const EXAM_TYPES: Record<string, string> = {
  propedeuse: 'Propaedeutic certificate (propedeuse)',
  'associate-degree': 'Associate degree',
  bachelor: 'Bachelor',
  master: 'Master',
};

const LEVELS: Record<string, string> = {
  HBO: 'HBO, higher professional education',
  WO: 'WO, research university education',
};

const STUDY_MODES: Record<string, string> = {
  'full-time': 'Full-time',
  'part-time': 'Part-time',
  dual: 'Dual (work and study combined)',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `bachelor` → `Bachelor`; a code the table does not know is printed as it is. */
export const examTypeInWords = (examType: string): string => EXAM_TYPES[examType] ?? examType;

/** `HBO` → `HBO, higher professional education`. */
export const levelInWords = (level: string): string => LEVELS[level] ?? level;

/** `full-time` → `Full-time`. */
export const studyModeInWords = (studyMode: string): string => STUDY_MODES[studyMode] ?? studyMode;

/** The label of the student's number: which kind of number it is. */
export const personNumberLabel = (kind: 'bsn' | 'educationNumber'): string =>
  kind === 'bsn' ? 'Citizen service number (BSN)' : 'Education number (onderwijsnummer)';

/** `2026-07-03` → `3 July 2026`; read from the digits, so no time zone can shift the day. */
export function dateInWords(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return date;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** `2026-09-01T10:00:00.000Z` → `1 September 2026, 10:00 UTC`. */
export function instantInWords(instant: string): string {
  const time = new Date(instant);
  if (Number.isNaN(time.getTime())) return instant;
  const iso = time.toISOString();
  return `${dateInWords(iso.slice(0, 10))}, ${iso.slice(11, 16)} UTC`;
}
