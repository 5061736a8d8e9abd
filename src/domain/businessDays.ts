import Holidays from 'date-holidays';

// Korean business days: weekdays that are not public holidays (substitute holidays included),
// counted on the Asia/Seoul calendar whatever the server's time zone.

const holidays = new Holidays('KR');
const seoulOffsetMs = 9 * 3600_000; // Korea has no daylight saving time

/** The Korean calendar date of an instant, as YYYY-MM-DD. */
export function koreanDate(instant: Date): string {
  return new Date(instant.getTime() + seoulOffsetMs).toISOString().slice(0, 10);
}

/** Noon in Seoul of a calendar date: safely inside that day for holiday ranges. */
function seoulNoon(date: string): Date {
  return new Date(`${date}T03:00:00Z`);
}

const dayMs = 86_400_000;
const holidayDatesByYear = new Map<number, ReadonlySet<string>>();

/**
 * The public-holiday dates of a year. date-holidays anchors 설날's three days at the lunar new
 * year itself instead of the day before (its issue #640), so that span is moved back one day.
 */
function holidayDates(year: number): ReadonlySet<string> {
  let dates = holidayDatesByYear.get(year);
  if (!dates) {
    const set = new Set<string>();
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const seollalShift = holiday.rule?.startsWith('korean 01-0-01') ? dayMs : 0;
      for (let t = holiday.start.getTime() - seollalShift; t < holiday.end.getTime() - seollalShift; t += dayMs) {
        set.add(koreanDate(new Date(t)));
      }
    }
    dates = set;
    holidayDatesByYear.set(year, dates);
  }
  return dates;
}

export function isBusinessDay(date: string): boolean {
  const weekday = seoulNoon(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !holidayDates(Number(date.slice(0, 4))).has(date);
}

function nextDay(date: string, step: 1 | -1): string {
  return new Date(seoulNoon(date).getTime() + step * 86_400_000).toISOString().slice(0, 10);
}

/** The date `count` business days after `date` (0: `date` itself if it is one, else the next one). */
export function addBusinessDays(date: string, count: number): string {
  let current = date;
  while (!isBusinessDay(current)) current = nextDay(current, 1);
  for (let added = 0; added < count; ) {
    current = nextDay(current, 1);
    if (isBusinessDay(current)) added++;
  }
  return current;
}

/** Business days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function businessDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let current = from; current < to; ) {
    current = nextDay(current, 1);
    if (isBusinessDay(current)) count++;
  }
  return count;
}
