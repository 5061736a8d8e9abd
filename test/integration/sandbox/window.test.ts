import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LICENSE_KEY, dec, enc, header, kst, notificationHash, orderNo, post, requestHash, sha256, startReceiver, startTestSandbox, transactions } from './helpers.ts';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  sandbox = await startTestSandbox();
  receiver = await startReceiver();
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

/** The merchant page's form, built from the spec: hash = mchtId+method+mchtTrdNo+trdDt+trdTm+trdAmt+key. */
function windowForm(mchtId: string, method: string, amount: number, overrides: Record<string, string> = {}) {
  const mchtTrdNo = orderNo('WIN');
  const { trdDt, trdTm } = kst();
  return {
    mchtId,
    method,
    trdDt,
    trdTm,
    mchtTrdNo,
    mchtName: '헥토파이낸셜',
    mchtEName: 'Hecto Financial',
    pmtPrdtNm: '테스트상품',
    trdAmt: enc(String(amount)),
    mchtCustNm: enc('홍길동'),
    notiUrl: receiver.url,
    nextUrl: 'https://merchant.example/next',
    cancUrl: 'https://merchant.example/cancel',
    mchtParam: 'name=HongGilDong&age=25',
    pktHash: sha256(mchtId + method + mchtTrdNo + trdDt + trdTm + String(amount) + LICENSE_KEY),
    ...overrides,
  };
}

async function postForm(path: string, fields: Record<string, string>) {
  const response = await fetch(sandbox.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Hidden inputs of the form whose action is `action`. */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `form to ${action} present`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const unescape = (v: string) => v.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&#39;', "'");
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], unescape(m[2] ?? '')]));
}

test('authenticated card window: company choice, approval screen, notification, result to nextUrl', async () => {
  const form = windowForm('portone1', 'card', 12000);
  const first = await postForm('/card/main.do', form);
  assert.match(first.type, /text\/html/);
  assert.match(first.text, /카드사를 선택하세요/);
  assert.match(first.text, /KB국민/);
  assert.match(first.text, /name="viewport"/);
  const { sid } = formFields(first.text, '/card/authorize.do');
  assert.ok(sid);

  const approval = await postForm('/card/authorize.do', { sid: sid ?? '', issrId: 'KBC' });
  assert.match(approval.text, /결제하기/);

  const done = await postForm('/card/pay.do', { sid: sid ?? '', issrId: 'KBC' });
  assert.match(done.text, /결제가 완료되었습니다/);
  const result = formFields(done.text, 'https://merchant.example/next');
  assert.equal(result.outStatCd, '0021');
  assert.equal(result.outRsltCd, '0000');
  assert.equal(result.mchtTrdNo, form.mchtTrdNo);
  assert.equal(result.fnCd, 'KBC');
  assert.equal(result.pktHash, undefined);
  assert.equal(dec(result.trdAmt ?? ''), '12000');
  assert.equal(result.mchtParam, 'name=HongGilDong&age=25');

  const notice = await receiver.next((f) => f.trdNo === result.trdNo);
  assert.equal(notice.outStatCd, '0021');
  assert.equal(notice.mchtCustNm, '홍길동');
  assert.equal(notice.pktHash, notificationHash(notice));
  assert.equal((await transactions(sandbox.url)).find((t) => t.trdNo === result.trdNo)?.status, 'APPROVED');

  const again = await postForm('/card/pay.do', { sid: sid ?? '', issrId: 'KBC' });
  assert.match(again.text, /이미 처리되었습니다/);
  const reposted = await postForm('/card/main.do', form);
  assert.equal((JSON.parse(reposted.text) as { outRsltCd: string }).outRsltCd, 'ST50');
});

test('the 닫기 button before paying posts user-cancel (0009) to cancUrl', async () => {
  const first = await postForm('/card/main.do', windowForm('portone1', 'card', 5000));
  const cancel = formFields(first.text, 'https://merchant.example/cancel');
  assert.equal(cancel.outStatCd, '0031');
  assert.equal(cancel.outRsltCd, '0009');
});

test('validation failures answer JSON with the reject code', async () => {
  const missing = await postForm('/card/main.do', windowForm('portone1', 'card', 5000, { pmtPrdtNm: '' }));
  assert.match(missing.type, /application\/json/);
  const body = JSON.parse(missing.text) as Record<string, string>;
  assert.equal(body.outStatCd, '0031');
  assert.equal(body.outRsltCd, '1008');
  const badHash = await postForm('/card/main.do', windowForm('portone1', 'card', 5000, { pktHash: sha256('x') }));
  assert.equal((JSON.parse(badHash.text) as Record<string, string>).outRsltCd, '1901');
  const plainAmount = await postForm('/card/main.do', windowForm('portone1', 'card', 5000, { trdAmt: '5000' }));
  assert.equal((JSON.parse(plainAmount.text) as Record<string, string>).outRsltCd, '1902');
  const wrongPath = await postForm('/vbank/main.do', windowForm('portone1', 'card', 5000));
  assert.equal((JSON.parse(wrongPath.text) as Record<string, string>).outRsltCd, '6001');
});

test('non-authenticated card window: card form; a declining card ends in a failure result', async () => {
  const first = await postForm('/card/main.do', windowForm('nxca_jt_bi', 'card', 5000));
  for (const label of ['카드번호', '유효기간 (MM/YY)', '비밀번호 앞 2자리', '생년월일', '결제하기']) assert.ok(first.text.includes(label), label);
  const { sid } = formFields(first.text, '/card/pay.do');
  const retry = await postForm('/card/pay.do', { sid: sid ?? '', cardNo: '1111222233334444', expiry: '13/39' });
  assert.match(retry.text, /유효기간/);
  const declined = await postForm('/card/pay.do', { sid: sid ?? '', cardNo: '4000000000000002', expiry: '12/39' });
  const result = formFields(declined.text, 'https://merchant.example/next');
  assert.equal(result.outStatCd, '0031');
  assert.equal(result.outRsltCd, 'CA31');
});

test('virtual-account window issues an account and reports 0051 with the encrypted number', async () => {
  const form = windowForm('portone1', 'vbank', 33000);
  const first = await postForm('/vbank/main.do', form);
  const { sid } = formFields(first.text, '/vbank/issue.do');
  const done = await postForm('/vbank/issue.do', { sid: sid ?? '', bankCd: '088', dpstrNm: '홍길동' });
  const result = formFields(done.text, 'https://merchant.example/next');
  assert.equal(result.outStatCd, '0051');
  assert.equal(result.fnCd, '088');
  const vAcntNo = dec(result.vtlAcntNo ?? '');
  assert.match(vAcntNo, /^\d{14}$/);
  const notice = await receiver.next((f) => f.trdNo === result.trdNo && f.outStatCd === '0051');
  assert.equal(notice.vAcntNo, vAcntNo);
  assert.equal(notice.pktHash, notificationHash(notice));
});

test('a window bank transfer (RA) is cancelled by APICancel.do with method RA, hashed with cnclAmt or with "0"; method CA does not find it', async () => {
  const form = windowForm('portone1', 'bank', 9000);
  const first = await postForm('/bank/main.do', form);
  const { sid } = formFields(first.text, '/bank/pay.do');
  const done = await postForm('/bank/pay.do', { sid: sid ?? '', bankCd: '004' });
  const { trdNo } = formFields(done.text, 'https://merchant.example/next');
  const cancel = (method: string, amount: number, cnclOrd: string, hashAmount = String(amount)) => {
    const h = header('portone1', method, 'C0');
    return post(sandbox.url, '/spay/APICancel.do', {
      params: h,
      data: { pktHash: requestHash(h, hashAmount), orgTrdNo: trdNo, crcCd: 'KRW', cnclOrd, cnclAmt: enc(String(amount)) },
    });
  };
  assert.equal((await cancel('CA', 1000, '001')).params.outRsltCd, 'ST06');
  const partial = await cancel('RA', 4000, '001');
  assert.deepEqual([partial.params.outStatCd, partial.params.outRsltCd, partial.params.method], ['0021', '0000', 'RA']);
  assert.equal(dec(partial.data.blcAmt ?? ''), '5000');
  // Hecto's transfer-cancel table (§13.2) hashes "0" where the card cancel hashes cnclAmt: both are taken.
  const rest = await cancel('RA', 5000, '002', '0');
  assert.equal(rest.params.outRsltCd, '0000', JSON.stringify(rest));
  assert.equal((await cancel('RA', 1000, '003', '1')).params.outRsltCd, '1901');
  const entry = (await transactions(sandbox.url, 'portone1')).find((t: { trdNo: string }) => t.trdNo === trdNo);
  assert.deepEqual([entry?.method, entry?.status, entry?.cancelledAmount], ['RA', 'CANCELLED', 9000]);
});
