import type { Deps } from '../services/deps.ts';
import { removeExpiredSessions } from '../services/consoleAuth.ts';

export const housekeepingQueue = 'housekeeping';

/** Periodic clean-up that no request should wait for. */
export async function housekeeping(deps: Deps): Promise<void> {
  const removed = await removeExpiredSessions(deps);
  if (removed > 0) deps.log.info({ removed }, 'expired console sessions removed');
}
