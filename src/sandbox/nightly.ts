import { formatCancelRound, koreanDate, koreanWallClock } from '../pg/hecto/codec/index.ts';
import type { SandboxContext } from './context.ts';
import { notify } from './notifications.ts';

/**
 * Hecto's test mode cancels every test transaction of the day at a random moment between 23:00
 * and 23:50 Korean time. This cancels the remaining balance of that Korean day's still-approved
 * card and transfer payments of test MIDs and sends cancel notifications (bizType C0).
 */
export function runNightlyCancel(ctx: SandboxContext): string[] {
  const now = ctx.clock();
  const today = koreanDate(now);
  const cancelled: string[] = [];
  for (const transaction of ctx.ledger.all()) {
    const merchant = ctx.merchants.get(transaction.mchtId);
    if (!merchant?.test || transaction.trdDt !== today) continue;
    if (transaction.method === 'VA') continue;
    if (transaction.status !== 'APPROVED' && transaction.status !== 'PARTIAL_CANCELLED') continue;
    const record = ctx.ledger.applyCancel(transaction, {
      mchtTrdNo: transaction.mchtTrdNo,
      cnclOrd: formatCancelRound(transaction.cancels.length + 1),
      amount: ctx.ledger.remaining(transaction),
      at: now,
      nightly: true,
    });
    notify(ctx, transaction, { kind: 'CANCELLED', cancel: record });
    cancelled.push(transaction.trdNo);
  }
  return cancelled;
}

/** The next run: today's 23:00 KST plus a random 0–50 minutes, or tomorrow's if that has passed. */
export function nextNightlyRun(now: Date, random: () => number = Math.random): Date {
  const offsetMs = Math.floor(random() * 50 * 60_000);
  const today = new Date(koreanWallClock(now, 23, 0).getTime() + offsetMs);
  if (today > now) return today;
  return new Date(koreanWallClock(new Date(now.getTime() + 24 * 60 * 60_000), 23, 0).getTime() + offsetMs);
}

/** Runs the nightly cancel every day; returns a stop function. */
export function scheduleNightlyCancel(ctx: SandboxContext, random: () => number = Math.random): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const delay = Math.max(0, nextNightlyRun(ctx.clock(), random).getTime() - ctx.clock().getTime());
    // setTimeout cannot wait longer than ~24.8 days; a day is far below that.
    timer = setTimeout(() => {
      runNightlyCancel(ctx);
      arm();
    }, delay);
    timer.unref();
  };
  arm();
  return () => {
    if (timer) clearTimeout(timer);
  };
}
