import { amsterdamToday, daysBetween } from '@rod/contracts';

/** Institutions must register a result within 8 weeks of the exam (DOMAIN.md). */
export const REGISTRATION_PERIOD_DAYS = 8 * 7;

/** A registration later than 8 weeks after the exam date, counted in Amsterdam days. */
export function isLateRegistration(examDate: string, registeredAt: Date): boolean {
  return daysBetween(examDate, amsterdamToday(registeredAt)) > REGISTRATION_PERIOD_DAYS;
}
