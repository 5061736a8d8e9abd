/**
 * `GET /payments` through `@portone/server-sdk`'s `getPayments`, with PortOne's `PaymentFilterInput`:
 * date range (and its 90-day default), isTest, channel, pgProvider, 통합검색 textSearch, sortBy,
 * stable ASC/DESC pages, and `page.size` echoing the request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Payment, PaymentClient } from '@portone/server-sdk';
import { fixedClock } from '../../../src/domain/clock.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, fullCard, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

type Filter = NonNullable<Parameters<ReturnType<typeof PaymentClient>['getPayments']>[0]>['filter'];

for (const kind of databaseKinds) {
  describe(`listing payments with PortOne's filter (${kind})`, () => {
    let env: PaymentsTestEnv;
    let payment: ReturnType<typeof PaymentClient>;
    const clock = fixedClock(new Date('2030-05-01T03:00:00Z'));
    const start = clock.now();
    /** Five payments one second apart on two channels, and one 100 days before. */
    const made: { id: string; mid: string }[] = [];
    let old = '';
    const ids = (items: readonly unknown[]) => items.map((p) => (p as { id: string }).id);
    const range = { from: start.toISOString(), until: new Date(start.getTime() + 60_000).toISOString() };

    before(async () => {
      env = await startPaymentsEnv(kind, { clock });
      payment = PaymentClient({ secret: env.t.demo.apiSecret, baseUrl: env.url });
      const pay = async (paymentId: string, mid: string, total: number, extra: Record<string, unknown> = {}) =>
        payment.payInstantly({
          paymentId,
          channelKey: channelKeyOf(env.t, mid),
          method: { card: { credential: mid === 'nxca_ks_gu' ? fullCard : keyInCard } },
          orderName: `목록 ${paymentId}`,
          amount: { total },
          currency: 'KRW',
          ...extra,
        });
      clock.set(new Date(start.getTime() - 100 * 86_400_000));
      old = `list-old-${kind}`;
      await pay(old, 'nxca_jt_bi', 1_999);
      for (let i = 0; i < 5; i++) {
        clock.set(new Date(start.getTime() + (i + 1) * 1_000));
        const mid = i % 2 ? 'nxca_ks_gu' : 'nxca_jt_bi';
        const id = `list-${kind}-${i}`;
        await pay(id, mid, 1_000 + i, i === 3 ? { customer: { name: { full: '홍길동' }, email: 'gildong@example.com' } } : {});
        made.push({ id, mid });
      }
      clock.set(new Date(start.getTime() + 10_000));
    });
    after(async () => env?.close());

    it('lists a date range, newest first, and echoes the requested page size', async () => {
      const page = await payment.getPayments({ filter: range as Filter, page: { number: 0, size: 50 } });
      assert.deepEqual(ids(page.items), made.map((m) => m.id).reverse());
      assert.deepEqual(page.page, { number: 0, size: 50, totalCount: 5 });
      const before = await payment.getPayments({ filter: { until: start.toISOString() } as Filter, page: { number: 0, size: 50 } });
      assert.ok(!ids(before.items).some((id) => made.some((m) => m.id === id)));
    });

    it('looks back 90 days when from is absent', async () => {
      const recent = await payment.getPayments({ page: { number: 0, size: 50 } });
      assert.ok(!ids(recent.items).includes(old));
      assert.equal(recent.page.totalCount, 5);
      const all = await payment.getPayments({ filter: { from: new Date(start.getTime() - 200 * 86_400_000).toISOString() } as Filter, page: { number: 0, size: 50 } });
      assert.ok(ids(all.items).includes(old));
      assert.equal(all.page.totalCount, 6);
    });

    it('pages stably in both orders: the pages add up to the whole list, in order', async () => {
      for (const sortOrder of ['ASC', 'DESC'] as const) {
        const seen: string[] = [];
        for (let number = 0; number < 3; number++) {
          const page = await payment.getPayments({ filter: { ...range, sortOrder, sortBy: 'REQUESTED_AT' } as Filter, page: { number, size: 2 } });
          assert.equal(page.page.size, 2);
          assert.equal(page.page.totalCount, 5);
          seen.push(...ids(page.items));
        }
        const expected = made.map((m) => m.id);
        assert.deepEqual(seen, sortOrder === 'ASC' ? expected : expected.reverse());
      }
    });

    it('sorts by status change when asked: a payment cancelled last comes first', async () => {
      const cancelled = made[0]!.id;
      await payment.cancelPayment({ paymentId: cancelled, reason: '정렬' });
      const byRequest = await payment.getPayments({ filter: { ...range, timestampType: 'CREATED_AT', sortBy: 'REQUESTED_AT' } as Filter, page: { number: 0, size: 1 } });
      assert.deepEqual(ids(byRequest.items), [made[4]!.id]);
      const byChange = await payment.getPayments({ filter: { ...range, timestampType: 'CREATED_AT', sortBy: 'STATUS_CHANGED_AT' } as Filter, page: { number: 0, size: 1 } });
      assert.deepEqual(ids(byChange.items), [cancelled]);
    });

    it('filters by isTest, channel and pgProvider', async () => {
      assert.equal((await payment.getPayments({ filter: { ...range, isTest: true } as Filter })).page.totalCount, 5);
      assert.equal((await payment.getPayments({ filter: { ...range, isTest: false } as Filter })).page.totalCount, 0);
      const ksgu = await payment.getPayments({ filter: { ...range, channelKeys: [channelKeyOf(env.t, 'nxca_ks_gu')] } as Filter, page: { number: 0, size: 50 } });
      assert.deepEqual(ids(ksgu.items).sort(), made.filter((m) => m.mid === 'nxca_ks_gu').map((m) => m.id).sort());
      assert.equal((await payment.getPayments({ filter: { ...range, pgProvider: ['SETTLE'] } as Filter })).page.totalCount, 5);
      assert.equal((await payment.getPayments({ filter: { ...range, pgProvider: ['TOSSPAYMENTS'] } as Filter })).page.totalCount, 0);
      await assert.rejects(
        payment.getPayments({ filter: { ...range, pgProvider: ['NO_SUCH_PG'] } as unknown as Filter }),
        (e: unknown) => e instanceof Payment.GetPaymentsError && e.data.type === 'INVALID_REQUEST',
      );
    });

    it('searches by text (통합검색): ids exactly, names in part, all entries together', async () => {
      const search = async (textSearch: { field: string; value: string }[]) =>
        ids((await payment.getPayments({ filter: { ...range, textSearch } as Filter, page: { number: 0, size: 50 } })).items).sort();
      const target = made[2]!.id;
      assert.deepEqual(await search([{ field: 'PAYMENT_ID', value: target }]), [target]);
      assert.deepEqual(await search([{ field: 'PAYMENT_ID', value: target.slice(0, -1) }]), []);
      const got = await payment.getPayment({ paymentId: target });
      const pgTxId = got.status === 'PAID' ? got.pgTxId! : '';
      assert.deepEqual(await search([{ field: 'PG_TX_ID', value: pgTxId }]), [target]);
      assert.deepEqual(await search([{ field: 'ALL', value: pgTxId }]), [target]);
      const named = made[3]!.id;
      assert.deepEqual(await search([{ field: 'CUSTOMER_NAME', value: '길동' }]), [named]);
      assert.deepEqual(await search([{ field: 'CUSTOMER_EMAIL', value: 'GILDONG@' }]), [named]);
      assert.deepEqual(await search([{ field: 'ORDER_NAME', value: `목록 ${named}` }]), [named]);
      // A LIKE wildcard in the value is a character, not a pattern.
      assert.deepEqual(await search([{ field: 'ORDER_NAME', value: '%' }]), []);
      assert.deepEqual(await search([{ field: 'PG_MERCHANT_ID', value: 'nxca_ks_gu' }]), made.filter((m) => m.mid === 'nxca_ks_gu').map((m) => m.id).sort());
      // Every entry must match.
      assert.deepEqual(await search([{ field: 'PG_MERCHANT_ID', value: 'nxca_ks_gu' }, { field: 'CUSTOMER_NAME', value: '홍' }]), [named]);
      assert.deepEqual(await search([{ field: 'PG_MERCHANT_ID', value: 'nxca_jt_bi' }, { field: 'CUSTOMER_NAME', value: '홍' }]), []);
      // A field paymux keeps nothing for matches nothing.
      assert.deepEqual(await search([{ field: 'USER_AGENT', value: 'Mozilla' }]), []);
    });
  });
}
