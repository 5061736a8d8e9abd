import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Notifier } from '../../../src/sandbox/notifier.ts';

async function receiverAnswering(answers: string[]) {
  let calls = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end(answers[Math.min(calls++, answers.length - 1)]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/noti`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('resends until the receiver answers OK', async () => {
  const receiver = await receiverAnswering(['FAIL', 'nope', 'OK']);
  const notifier = new Notifier({ retryBaseMs: 1 });
  try {
    const delivery = notifier.send(receiver.url, { outStatCd: '0021' });
    await notifier.idle();
    assert.equal(delivery.state, 'DELIVERED');
    assert.deepEqual(delivery.attempts.map((a) => a.outcome), ['REJECTED', 'REJECTED', 'OK']);
    assert.equal(receiver.calls(), 3);
  } finally {
    notifier.close();
    await receiver.close();
  }
});

test('gives up after the maximum number of tries', async () => {
  const receiver = await receiverAnswering(['FAIL']);
  const notifier = new Notifier({ retryBaseMs: 1, maxAttempts: 10 });
  try {
    const delivery = notifier.send(receiver.url, { outStatCd: '0021' });
    await notifier.idle();
    assert.equal(delivery.state, 'GAVE_UP');
    assert.equal(receiver.calls(), 10);
  } finally {
    notifier.close();
    await receiver.close();
  }
});

test('an unreachable receiver is an error attempt, not a crash', async () => {
  const notifier = new Notifier({ retryBaseMs: 1, maxAttempts: 2 });
  const delivery = notifier.send('http://127.0.0.1:1/noti', { outStatCd: '0021' });
  await notifier.idle();
  notifier.close();
  assert.equal(delivery.state, 'GAVE_UP');
  assert.equal(delivery.attempts[0]?.outcome, 'ERROR');
});
