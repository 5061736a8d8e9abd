import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardPayBody, startTestSandbox, transactions } from './helpers.ts';

const PAY = '/spay/APICardActionPay.do';
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

before(async () => {
  // A slow reply far beyond the client's patience, so the client always gives up first.
  sandbox = await startTestSandbox({ slowReplyMs: 10 * 60_000 });
});
after(async () => {
  await sandbox.close();
});

const send = (body: unknown, signal?: AbortSignal) =>
  fetch(sandbox.url + PAY, { method: 'POST', body: JSON.stringify(body), ...(signal ? { signal } : {}) });

test('the dropped-reply card approves, then the connection dies without an answer', async () => {
  const body = cardPayBody({ cardNo: '4000000000009992' });
  await assert.rejects(send(body));
  const booked = (await transactions(sandbox.url)).find((t) => t.mchtTrdNo === body.params.mchtTrdNo);
  assert.equal(booked?.status, 'APPROVED');
});

test('the slow card approves at once but does not answer before the client gives up', async () => {
  const body = cardPayBody({ cardNo: '4000000000009991' });
  const controller = new AbortController();
  const pending = send(body, controller.signal);
  // The payment is booked before any answer is sent.
  let booked;
  while (!(booked = (await transactions(sandbox.url)).find((t) => t.mchtTrdNo === body.params.mchtTrdNo))) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(booked.status, 'APPROVED');
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
});

test('the never-answering card books nothing and holds the request open', async () => {
  const body = cardPayBody({ cardNo: '4000000000009990' });
  const controller = new AbortController();
  const pending = send(body, controller.signal);
  // Wait until the simulator holds the connection, so the request was really processed.
  while (sandbox.sandbox.context.heldSockets.size === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
  const booked = (await transactions(sandbox.url)).find((t) => t.mchtTrdNo === body.params.mchtTrdNo);
  assert.equal(booked, undefined);
});
