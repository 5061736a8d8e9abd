import { randomUUID } from 'node:crypto';
import type { Deps } from '../../src/services/deps.ts';
import { listChannels } from '../../src/store/repositories/channels.ts';
import { paymentWindowOperation } from '../../src/store/repositories/consoleQueries.ts';
import { cancellations, payments, pgCalls, webhookAttempts, webhookOutbox } from '../../src/store/schema.ts';

/**
 * The 개발진행 facts as the payments and webhook services record them — a paid TEST window payment,
 * a merchant's cancel of it, a webhook answered with `webhookStatus` — for tests of what follows
 * from them (the card-review precondition), without running a whole payment.
 */
export async function recordDevChecklistFacts(deps: Deps, storeId: string, facts: { window?: boolean; cancel?: boolean; webhookStatus?: number }): Promise<void> {
  const channel = (await listChannels(deps.db, storeId)).find((c) => c.mode === 'TEST');
  if (!channel) throw new Error('the store has no TEST channel');
  const now = deps.clock.now();
  const paymentRowId = randomUUID();
  if (facts.window || facts.cancel) {
    await deps.db.insert(payments).values({
      id: paymentRowId, storeId, paymentId: `checklist-${paymentRowId}`, transactionId: randomUUID(), channelId: channel.id, isTest: true,
      status: facts.cancel ? 'PARTIAL_CANCELLED' : 'PAID', method: 'CARD', totalAmount: 1000n, cancelledAmount: facts.cancel ? 100n : 0n,
      requestedAt: now, updatedAt: now, statusChangedAt: now, paidAt: now,
    });
  }
  if (facts.window) {
    await deps.db.insert(pgCalls).values({
      id: randomUUID(), storeId, paymentRowId, channelId: channel.id, operation: paymentWindowOperation, requestId: `w-${paymentRowId}`,
      amount: 1000n, status: 'SETTLED', outcome: 'approved', startedAt: now, settledAt: now,
    });
  }
  if (facts.cancel) {
    await deps.db.insert(cancellations).values({
      id: randomUUID(), storeId, paymentRowId, status: 'SUCCEEDED', totalAmount: 100n, taxFreeAmount: 0n, reason: '테스트', sequence: 1, trigger: 'API', requestedAt: now, cancelledAt: now,
    });
  }
  if (facts.webhookStatus !== undefined) {
    const outboxId = randomUUID();
    await deps.db.insert(webhookOutbox).values({ id: outboxId, storeId, apiVersion: 'V2', url: 'http://127.0.0.1:9/hook', eventType: 'Transaction.Paid', body: '{}', status: 'DELIVERED', nextAttemptAt: now });
    await deps.db.insert(webhookAttempts).values({ outboxId, attemptedAt: now, durationMs: 5, httpStatus: facts.webhookStatus });
  }
}
