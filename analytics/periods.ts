/**
 * The reporting periods the analytics job computes, in the shop's calendar: the page picks one of them.
 * Dates are `YYYY-MM-DD` of the shop's time zone; `today` is the shop's current date.
 */

export type PeriodId = 'last-7-days' | 'last-30-days' | 'last-90-days' | 'last-365-days' | 'this-month' | 'previous-month' | 'this-year';

export interface ReportingPeriod {
  readonly id: PeriodId;
  /** First and last day, inclusive. */
  readonly from: string;
  readonly to: string;
}

export const PERIOD_IDS: readonly PeriodId[] = [
  'last-7-days',
  'last-30-days',
  'last-90-days',
  'last-365-days',
  'this-month',
  'previous-month',
  'this-year',
];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parse(date: string): Date {
  if (!isIsoDate(date)) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return new Date(`${date}T00:00:00.000Z`);
}

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function firstOfMonth(date: string, monthsBack = 0): string {
  const d = parse(date);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 10);
}

export function reportingPeriods(today: string): ReportingPeriod[] {
  const thisMonth = firstOfMonth(today);
  return [
    { id: 'last-7-days', from: addDays(today, -6), to: today },
    { id: 'last-30-days', from: addDays(today, -29), to: today },
    { id: 'last-90-days', from: addDays(today, -89), to: today },
    { id: 'last-365-days', from: addDays(today, -364), to: today },
    { id: 'this-month', from: thisMonth, to: today },
    { id: 'previous-month', from: firstOfMonth(today, 1), to: addDays(thisMonth, -1) },
    { id: 'this-year', from: `${today.slice(0, 4)}-01-01`, to: today },
  ];
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at `instant` (e.g. -360 for Mexico City). */
export function utcOffsetMinutes(timeZone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/** The shop's calendar date at `instant`. */
export function shopDate(timeZone: string, instant: Date): string {
  return new Date(instant.getTime() + utcOffsetMinutes(timeZone, instant) * 60000).toISOString().slice(0, 10);
}
