import type { Deps } from '../deps.ts';

export const paymentInquiryQueue = 'payment-inquiry';

/**
 * Asks the job queue to inquire about a PG call whose outcome is unknown, a little later (the PG
 * may still be processing it). Without a queue in this process, the worker's recovery sweep finds
 * the PENDING call instead; either way the call is settled by the PG's word.
 */
export async function scheduleInquiry(deps: Deps, callId: string, afterSeconds = 2): Promise<void> {
  if (!deps.queue) {
    deps.log.warn({ callId }, 'no job queue in this process: the recovery sweep will inquire about this PG call');
    return;
  }
  try {
    await deps.queue.send(paymentInquiryQueue, { callId }, { startAfterSeconds: afterSeconds, singletonKey: callId });
  } catch (error) {
    deps.log.error({ err: error, callId }, 'could not queue a payment inquiry; the recovery sweep will pick it up');
  }
}
