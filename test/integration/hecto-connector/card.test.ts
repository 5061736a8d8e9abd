import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret } from '../../../src/domain/secret.ts';
import { PgCredentialsError } from '../../../src/pg/contract.ts';
import type { HectoConnector } from '../../../src/pg/hecto/index.ts';
import {
  ENCRYPTION_KEY,
  LICENSE_KEY,
  approved,
  bigintJson,
  capturingLogger,
  card,
  channel,
  connectorFor,
  fullCard,
  startNotificationReceiver,
  startTestSandbox,
} from './helpers.ts';

describe('Hecto connector: keyed-in card approval', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let connector: HectoConnector;
  let receiver: Awaited<ReturnType<typeof startNotificationReceiver>>;
  const log = capturingLogger();

  before(async () => {
    sandbox = await startTestSandbox();
    connector = connectorFor(sandbox.url, { logger: log.logger });
    receiver = await startNotificationReceiver(connector);
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('approves keyed-in 카유 on nxca_jt_bi, with a billing key, and the notification verifies', async () => {
    const result = await connector.approveKeyIn(channel('nxca_jt_bi'), {
      card: card(),
      amount: 5_000n,
      orderName: '테스트상품',
      installmentMonths: 3,
      customer: { id: 'cust-1', name: '홍길동' },
      notificationUrl: receiver.url,
    });
    const approval = approved(result);
    assert.match(approval.pgTxId, /^STFP_PGCAnxca_jt_bi0\d{12}M\d{7}$/);
    assert.equal(approval.amount, 5_000n);
    assert.equal(approval.installmentMonths, 3);
    assert.equal(approval.card.maskedNumber, '111122******4444');
    assert.equal(approval.card.issuerCode, 'BCC');
    assert.match(approval.approvalNumber ?? '', /^\d{8}$/);
    assert.match(approval.billingKey?.reveal() ?? '', /^SBILL_/);
    assert.equal(approval.requestId, result.record.requestId);

    const notice = await receiver.next((n) => n.pgTxId === approval.pgTxId);
    assert.equal(notice.kind, 'PAID');
    assert.equal(notice.amount, 5_000n);
    assert.equal(notice.requestId, approval.requestId);
  });

  it('approves 카유비생 on nxca_ks_gu with password digits and birth date, and declines without them', async () => {
    approved(await connector.approveKeyIn(channel('nxca_ks_gu'), { card: fullCard(), amount: 1_000n, orderName: '상품' }));

    const withoutPassword = await connector.approveKeyIn(channel('nxca_ks_gu'), { card: card(), amount: 1_000n, orderName: '상품' });
    assert.equal(withoutPassword.outcome, 'declined');
    assert.equal(withoutPassword.outcome === 'declined' && withoutPassword.reason, 'INVALID_CARD_PASSWORD');
  });

  const declines = [
    ['4000000000000002', 'CA31', 'CARD_LIMIT_EXCEEDED'],
    ['4000000000000010', 'CA51', 'CARD_NOT_USABLE'],
    ['4000000000000028', 'CA27', 'INVALID_CARD_PASSWORD'],
    ['4000000000000036', 'CA82', 'CALL_CARD_COMPANY'],
    ['4000000000000044', 'CA59', 'CARD_DECLINED'],
  ] as const;
  for (const [number, code, reason] of declines) {
    it(`maps the decline ${code} of card ${number} to ${reason}`, async () => {
      const result = await connector.approveKeyIn(channel('nxca_jt_bi'), { card: card(number), amount: 5_000n, orderName: '상품' });
      assert.equal(result.outcome, 'declined');
      if (result.outcome !== 'declined') return;
      assert.equal(result.code, code);
      assert.equal(result.reason, reason);
      assert.ok(result.messageKo.length > 0 && result.messageEn.length > 0);
      assert.equal(result.record.pgCode, code);
    });
  }

  it('declines an amount below 1,000 won (CA42), an expired card (CA20) and a reused order number (ST50)', async () => {
    const small = await connector.approveKeyIn(channel('nxca_jt_bi'), { card: card(), amount: 999n, orderName: '상품' });
    assert.equal(small.outcome === 'declined' && small.reason, 'INVALID_AMOUNT');
    const expired = await connector.approveKeyIn(channel('nxca_jt_bi'), { card: card('1111222233334444', { expiry: '2001' }), amount: 5_000n, orderName: '상품' });
    assert.equal(expired.outcome === 'declined' && expired.reason, 'INVALID_CARD_EXPIRY');
    const requestId = `DUP${Date.now()}`;
    approved(await connector.approveKeyIn(channel('nxca_jt_bi'), { requestId, card: card(), amount: 5_000n, orderName: '상품' }));
    const again = await connector.approveKeyIn(channel('nxca_jt_bi'), { requestId, card: card(), amount: 5_000n, orderName: '상품' });
    assert.equal(again.outcome === 'declined' && again.reason, 'DUPLICATE_ORDER');
  });

  it('uses keys stored on a channel: a wrong license key is refused by Hecto (1901) as a credentials problem', async () => {
    const wrongKey = { mode: 'LIVE' as const, mid: 'nxca_jt_bi', licenseKey: new Secret('not-the-license-key'), encryptionKey: new Secret(ENCRYPTION_KEY) };
    const result = await connector.approveKeyIn(wrongKey, { card: card(), amount: 5_000n, orderName: '상품' });
    assert.equal(result.outcome === 'declined' && result.code, '1901');
    assert.equal(result.outcome === 'declined' && result.reason, 'PG_CREDENTIALS');
  });

  it('refuses a LIVE channel without keys before sending anything', async () => {
    await assert.rejects(
      async () => connector.approveKeyIn({ mode: 'LIVE', mid: 'nxca_jt_bi' }, { card: card(), amount: 5_000n, orderName: '상품' }),
      PgCredentialsError,
    );
  });

  it('keeps card data, keys and hashes out of call records and log lines', async () => {
    const number = '5412345678901234';
    const result = await connector.approveKeyIn(channel('nxca_ks_gu'), {
      card: new Secret({ number, expiry: '3107', passwordTwoDigits: '98', birthOrBusinessNumber: '770707' }),
      amount: 7_000n,
      orderName: '상품',
    });
    const record = JSON.stringify(result.record, bigintJson);
    for (const secret of [number, LICENSE_KEY, ENCRYPTION_KEY, '770707', '3107']) {
      assert.ok(!record.includes(secret), `record contains ${secret}`);
      assert.ok(!log.lines.join('\n').includes(secret), `log contains ${secret}`);
    }
    const data = (result.record.request as { data: Record<string, string> }).data;
    assert.equal(data.cardNo, '541234******1234');
    for (const field of ['vldDtMon', 'vldDtYear', 'cardPwd', 'idntNo', 'pktHash']) assert.equal(data[field], '[redacted]', field);
    assert.equal(data.trdAmt, '7000');
    // No ciphertext of the card either: anyone with the published test key could open it.
    assert.ok(!/[A-Za-z0-9+/]{22}==/.test(record), 'record contains base64 ciphertext');
    assert.equal(result.record.operation, 'approveKeyIn');
    assert.equal(result.record.outcome, 'approved');
    assert.equal(result.record.pgCode, '0000');
    // Even the whole result prints no card data (the billing key would be a Secret too).
    assert.ok(!JSON.stringify(result, bigintJson).includes(number));
  });
});
