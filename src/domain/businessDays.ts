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
 * Election days, which date-holidays does not know. The day of a general election (임기만료에
 * 의한 선거) is a public holiday by 관공서의 공휴일에 관한 규정 제2조 제10호; its date is fixed by
 * 공직선거법 제34조: the first Wednesday on or after 70 days (president), 50 days (National
 * Assembly) or 30 days (local elections) before the term ends. A snap presidential election is
 * made a holiday by decree (2025-06-03, after the removal of the president; that election also
 * replaced the one that would have been held on 2027-03-03, which is therefore not here).
 * Add a new snap or re-scheduled election here when the National Election Commission announces it.
 */
export const electionDays: readonly { date: string; name: string }[] = [
  { date: '2022-03-09', name: '제20대 대통령선거' },
  { date: '2022-06-01', name: '제8회 전국동시지방선거' },
  { date: '2024-04-10', name: '제22대 국회의원선거' },
  { date: '2025-06-03', name: '제21대 대통령선거' },
  { date: '2026-06-03', name: '제9회 전국동시지방선거' },
  { date: '2028-04-12', name: '제23대 국회의원선거' },
  { date: '2030-03-27', name: '제22대 대통령선거' },
  { date: '2030-06-05', name: '제10회 전국동시지방선거' },
];

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
    for (const election of electionDays) if (election.date.startsWith(`${year}-`)) set.add(election.date);
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
