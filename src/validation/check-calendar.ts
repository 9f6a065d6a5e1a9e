/** The primitive types whose values name a calendar day. */
export const CALENDAR_TYPES: ReadonlySet<string> = new Set(['date', 'dateTime', 'instant']);

const DATE_PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

/**
 * Whether a `date`, `dateTime` or `instant` that already matches its R4 regex names a day
 * that exists: the regex lets `2025-02-30`, `2025-04-31` and `2023-02-29` through. Months,
 * hours (`24:00:00` is refused by the regex), minutes and time zones are the regex's job.
 */
export function isCalendarDay(value: string): boolean {
  const match = DATE_PART.exec(value);
  if (match === null) {
    return false;
  }
  const [, year, month, day] = match;
  if (month === undefined || day === undefined) {
    return true;
  }
  return Number(day) <= daysInMonth(Number(year), Number(month));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Gregorian: every fourth year, except centuries not divisible by 400 (1900 no, 2000 yes). */
function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}
