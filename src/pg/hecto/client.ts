import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/**
 * The only file that talks HTTP to Hecto. It answers what the wire did — a 200 body, another
 * status, or no answer (timeout, connection failure) — and leaves meaning to the caller.
 *
 * Every request opens its own connection (`agent: false`, `Connection: close`): a payment request
 * written onto a pooled socket that the server had just closed fails with a reset, and a payment
 * cannot be blindly retried, so that would turn a harmless race into an unknown outcome.
 */
export interface HttpTimeouts {
  /** TCP connect plus TLS handshake. */
  readonly connectMs: number;
  /** From the start of the request to the last byte of the reply. */
  readonly totalMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 5_000, totalMs: 30_000 };

export type HttpExchange =
  | { readonly kind: 'reply'; readonly status: number; readonly body: string }
  | { readonly kind: 'timeout'; readonly detail: string }
  | { readonly kind: 'connection'; readonly detail: string };

/** Replies beyond this size are cut off and reported as a connection failure. */
const MAX_REPLY_BYTES = 1 << 20;

export function postJson(url: string, json: string, timeouts: HttpTimeouts): Promise<HttpExchange> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (exchange: HttpExchange): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      resolve(exchange);
    };

    const request = transport.request(target, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        accept: 'application/json',
        'content-length': Buffer.byteLength(json, 'utf8'),
        connection: 'close',
      },
    });
    const giveUp = (detail: string) => (): void => {
      finish({ kind: 'timeout', detail });
      request.destroy();
    };
    timers.push(setTimeout(giveUp(`no complete reply within ${timeouts.totalMs} ms`), timeouts.totalMs));

    request.on('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const connectTimer = setTimeout(giveUp(`not connected within ${timeouts.connectMs} ms`), timeouts.connectMs);
      timers.push(connectTimer);
      // For TLS the handshake counts as connecting: a peer that accepts TCP but never finishes
      // the handshake is as unreachable as one that never answers SYN.
      socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ kind: 'connection', detail: error.code ?? error.message });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REPLY_BYTES) {
          finish({ kind: 'connection', detail: `reply larger than ${MAX_REPLY_BYTES} bytes` });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        finish({ kind: 'reply', status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      // A reply cut off half-way is a connection failure, not a short body.
      response.on('aborted', () => finish({ kind: 'connection', detail: 'reply aborted' }));
      response.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'connection', detail: error.code ?? error.message }));
    });
    request.end(json);
  });
}
