import { kstDate, kstDayBounds } from '../../domain/kstDay.ts';
import { countChannelsByMode, listTestPaymentsPaidBetween, sumTestPaymentsPaidBetween } from '../../store/repositories/consoleQueries.ts';
import type { StoreAccess } from '../access.ts';
import type { Deps } from '../deps.ts';
import { paymentItem } from './payments.ts';
import { failedWebhooksSince, listWebhookDeliveries } from './webhookLog.ts';
import { wonNumber } from './principal.ts';

const shownRows = 10;

/**
 * 홈: where the store stands. Its channels, today's (Korean day) TEST payments with when each is
 * auto-cancelled, and the webhooks that failed in the last 24 hours. The contract stage comes
 * from /console-api/application (it is the merchant's, not the store's).
 */
export async function homeSummary(deps: Deps, access: StoreAccess) {
  const now = deps.clock.now();
  const today = kstDayBounds(now);
  const [channels, totals, todays, failed] = await Promise.all([
    countChannelsByMode(deps.db, access.store.id),
    sumTestPaymentsPaidBetween(deps.db, access.store.id, today.start, today.end),
    listTestPaymentsPaidBetween(deps.db, access.store.id, today.start, today.end, shownRows),
    listWebhookDeliveries(deps, access, { failedOnly: true, page: 0, size: shownRows }),
  ]);
  return {
    channels,
    todayTestPayments: {
      date: kstDate(now),
      count: totals.count,
      totalAmount: wonNumber(totals.total),
      cancelledAmount: wonNumber(totals.cancelled),
      items: todays.map((row) => paymentItem(row, now)),
    },
    failedWebhooks: { since: failedWebhooksSince(now).toISOString(), count: failed.page.totalCount, items: failed.items },
  };
}
