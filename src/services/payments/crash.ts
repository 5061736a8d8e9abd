/**
 * Test-only crash hook: with NODE_ENV=test and PAYMUX_TEST_CRASH_AFTER_PG_CALL=1 the process kills
 * itself (SIGKILL, nothing flushed) right after a PG call returns and before its result is
 * committed, to prove the recovery sweep. Ignored in any other environment.
 */
export function crashAfterPgCallIfAsked(): void {
  if (process.env.NODE_ENV === 'test' && process.env.PAYMUX_TEST_CRASH_AFTER_PG_CALL === '1') process.kill(process.pid, 'SIGKILL');
}
