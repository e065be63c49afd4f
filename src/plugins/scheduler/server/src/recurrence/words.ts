/**
 * The English words and month facts that descriptions (describe.ts, rscale.ts) and
 * error messages (guard.ts, rscale.ts) share. Pure.
 */
export const EN_MONTHS = [
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

/** The most days each Gregorian month can have (February in a leap year). */
export const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "a", "a and b", "a, b and c". */
export const enList = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** 1st, 2nd, 11th, …; -1 is "last", -2 "2nd-to-last". */
export const ordinal = (n: number): string => {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)}-to-last`;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
};
