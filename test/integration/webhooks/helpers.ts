import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enqueueV2Webhooks, type V2WebhookType } from '../../../src/services/webhooks/outbox.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { findWebhookEndpoint, updateWebhookUrl } from '../../../src/store/repositories/webhookEndpoints.ts';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Answer {
  status: number;
  body?: string;
  /** Wait before answering, so concurrent deliveries overlap. */
  delayMs?: number;
}

/** A merchant's webhook receiver on a free loopback port; `answer` decides each reply. */
export interface Receiver {
  origin: string;
  received: ReceivedWebhook[];
  answer: (request: ReceivedWebhook) => Answer;
  close(): Promise<void>;
}

const flatHeaders = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));

export async function startReceiver(answer: Receiver['answer'] = () => ({ status: 200, body: 'ok' })): Promise<Receiver> {
  const receiver: Receiver = { origin: '', received: [], answer, close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = { path: request.url ?? '/', headers: flatHeaders(request.headers), body: Buffer.concat(chunks).toString('utf8') };
      receiver.received.push(received);
      const reply = receiver.answer(received);
      setTimeout(() => response.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? ''), reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Points the store's V2 webhook endpoint (as set in the console) at `url`. */
export async function setStoreWebhookUrl(deps: Deps, storeId: string, url: string | null): Promise<void> {
  const endpoint = await findWebhookEndpoint(deps.db, storeId, 'V2');
  if (!endpoint) throw new Error('the store has no V2 webhook endpoint');
  await updateWebhookUrl(deps.db, endpoint.id, url, deps.clock.now());
}

/** A payment event as the payments service would write it, without a payment behind it. */
export async function enqueuePaymentEvent(
  deps: Deps,
  event: { storeId: string; paymentId: string; type?: V2WebhookType; noticeUrls?: string[]; at?: Date },
): Promise<void> {
  await deps.db.transaction((tx) =>
    enqueueV2Webhooks(tx, {
      storeId: event.storeId,
      type: event.type ?? 'Transaction.Paid',
      data: { paymentId: event.paymentId, transactionId: `tx-${event.paymentId}` },
      noticeUrls: event.noticeUrls,
      at: event.at ?? deps.clock.now(),
    }),
  );
}
