/**
 * Korean time for Hecto fields. Korea has used UTC+9 without daylight saving since 1988, so a fixed
 * offset is exact and needs no time-zone database.
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export interface KoreanTimestamp {
  /** YYYYMMDD */
  trdDt: string;
  /** HHMMSS */
  trdTm: string;
  /** YYYYMMDDHHMMSS */
  trdDtm: string;
}

export function koreanTimestamp(at: Date): KoreanTimestamp {
  const k = new Date(at.getTime() + KST_OFFSET_MS);
  const trdDt = `${k.getUTCFullYear()}${pad(k.getUTCMonth() + 1)}${pad(k.getUTCDate())}`;
  const trdTm = `${pad(k.getUTCHours())}${pad(k.getUTCMinutes())}${pad(k.getUTCSeconds())}`;
  return { trdDt, trdTm, trdDtm: trdDt + trdTm };
}

/** `YYYYMMDD` in Korea for the given instant. */
export function koreanDate(at: Date): string {
  return koreanTimestamp(at).trdDt;
}

const DTM = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/;

/** Parses `YYYYMMDD` or `YYYYMMDDhhmmss` (Korean time); undefined when not a real date-time. */
export function parseKoreanDateTime(value: string): Date | undefined {
  const m = DTM.exec(value);
  if (!m || (value.length !== 8 && value.length !== 14)) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS;
  const result = new Date(utc);
  // Reject overflowed values such as month 13 or 25:00.
  return koreanTimestamp(result).trdDtm === (value.length === 8 ? `${value}000000` : value) ? result : undefined;
}

/** The instant `days` Korean calendar days after `at`, at 23:59:59 Korean time (deposit deadlines). */
export function koreanEndOfDayAfter(at: Date, days: number): Date {
  const { trdDt } = koreanTimestamp(new Date(at.getTime() + days * 24 * 60 * 60 * 1000));
  return parseKoreanDateTime(`${trdDt}235959`) as Date;
}

/** The instant of a Korean wall-clock time on the Korean date of `at`. */
export function koreanWallClock(at: Date, hour: number, minute: number, second = 0): Date {
  const { trdDt } = koreanTimestamp(at);
  return parseKoreanDateTime(`${trdDt}${pad(hour)}${pad(minute)}${pad(second)}`) as Date;
}
