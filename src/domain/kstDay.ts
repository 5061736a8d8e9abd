/** Korean calendar helpers (Asia/Seoul has no DST: UTC+9 always). */
const KST_OFFSET_MS = 9 * 3600_000;

/** The Korean date (YYYY-MM-DD) of an instant. */
export function kstDate(at: Date): string {
  return new Date(at.getTime() + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instants bounding the Korean day of `at`: [start, end). */
export function kstDayBounds(at: Date): { start: Date; end: Date } {
  const start = new Date(`${kstDate(at)}T00:00:00+09:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** After 23:50 Korean time, the testbed's nightly auto-cancel (23:00–23:50) has run. */
export function isAfterNightlyTestCancel(at: Date): boolean {
  const local = new Date(at.getTime() + KST_OFFSET_MS);
  return local.getUTCHours() === 23 && local.getUTCMinutes() >= 50;
}
