import { kstDate } from '../kstDay.ts';

/**
 * Hecto's test mode really charges, then cancels every test card payment of the day at a moment
 * between 23:00 and 23:50 Korean time (the channel page says so). This says when that will happen
 * to one payment, so the console can show it beside each TEST payment.
 */
export interface TestAutoCancel {
  /** The Korean day of the cancel (the payment's day). */
  date: string;
  from: Date;
  until: Date;
  /** The payment is of today (Korean day of `now`) and the window has not closed. */
  today: boolean;
  /** The window has closed and the payment still holds money: the nightly sync has yet to record it. */
  overdue: boolean;
}

export interface AutoCancellable {
  isTest: boolean;
  method: 'CARD' | 'VIRTUAL_ACCOUNT' | 'TRANSFER' | null;
  status: string;
  paidAt: Date | null;
}

/** Only paid TEST card payments with money left are cancelled at night; virtual accounts are not. */
export function testAutoCancelOf(payment: AutoCancellable, now: Date): TestAutoCancel | undefined {
  if (!payment.isTest || payment.method === 'VIRTUAL_ACCOUNT' || !payment.paidAt) return undefined;
  if (payment.status !== 'PAID' && payment.status !== 'PARTIAL_CANCELLED') return undefined;
  const date = kstDate(payment.paidAt);
  const from = new Date(`${date}T23:00:00+09:00`);
  const until = new Date(`${date}T23:50:00+09:00`);
  const overdue = now.getTime() >= until.getTime();
  return { date, from, until, today: !overdue && kstDate(now) === date, overdue };
}
