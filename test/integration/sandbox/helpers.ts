/**
 * Raw-HTTP helpers built from Hecto's spec by hand (node:crypto, not paymux's codec), so a bug
 * shared by the codec and the simulator cannot hide.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type StartSandboxOptions } from '../../../src/sandbox/index.ts';

export const LICENSE_KEY = 'ST1009281328226982205';
export const ENCRYPTION_KEY = 'pgSettle30y739r82jtd709yOfZ2yK5K';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function enc(plain: string, key = ENCRYPTION_KEY): string {
  const cipher = createCipheriv('aes-256-ecb', Buffer.from(key, 'utf8'), null);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function dec(cipherText: string, key = ENCRYPTION_KEY): string {
  const decipher = createDecipheriv('aes-256-ecb', Buffer.from(key, 'utf8'), null);
  return Buffer.concat([decipher.update(Buffer.from(cipherText, 'base64')), decipher.final()]).toString('utf8');
}

/** Korean trdDt/trdTm of an instant (UTC+9). */
export function kst(at: Date = new Date()): { trdDt: string; trdTm: string } {
  const iso = new Date(at.getTime() + 9 * 3600_000).toISOString();
  return { trdDt: iso.slice(0, 10).replaceAll('-', ''), trdTm: iso.slice(11, 19).replaceAll(':', '') };
}

let counter = 0;
export const orderNo = (prefix = 'ORD'): string => `${prefix}${Date.now()}${String(++counter).padStart(4, '0')}`;

export interface Envelope {
  params: Record<string, string>;
  data: Record<string, string>;
}

export async function startTestSandbox(options: StartSandboxOptions = {}) {
  return startSandbox({ port: 0, nightly: false, ...options });
}

export async function post(baseUrl: string, path: string, body: unknown): Promise<Envelope> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as Envelope;
}

export type Header = {
  mchtId: string;
  method: string;
  bizType: string;
  mchtTrdNo: string;
  trdDt: string;
  trdTm: string;
};

export function header(mchtId: string, method: string, bizType: string, at = new Date(), mchtTrdNo = orderNo()): Header & { ver: string; encCd: string } {
  return { mchtId, ver: '0A19', method, bizType, encCd: '23', mchtTrdNo, ...kst(at) };
}

/** pktHash of a server API request: trdDt + trdTm + mchtId + mchtTrdNo + amount + key. */
export const requestHash = (h: Readonly<Record<string, string | undefined>>, amount: string, key = LICENSE_KEY): string =>
  sha256((h.trdDt ?? '') + (h.trdTm ?? '') + (h.mchtId ?? '') + (h.mchtTrdNo ?? '') + amount + key);

export interface CardPay {
  mchtId?: string;
  amount?: number;
  cardNo?: string;
  month?: string;
  year?: string;
  password?: string;
  birth?: string;
  billKey?: string;
  notiUrl?: string;
  mchtTrdNo?: string;
  at?: Date;
}

export function cardPayBody(options: CardPay = {}): Envelope {
  const h = header(options.mchtId ?? 'nxca_jt_bi', 'CA', 'B0', options.at, options.mchtTrdNo);
  const amount = String(options.amount ?? 5000);
  const data: Record<string, string> = {
    pktHash: requestHash(h, amount),
    pmtprdNm: '테스트상품',
    mchtCustNm: '홍길동',
    mchtCustId: 'HongGilDong',
    instmtMon: '00',
    crcCd: 'KRW',
    trdAmt: enc(amount),
  };
  if (options.billKey) data.billKey = options.billKey;
  else {
    data.cardNo = enc(options.cardNo ?? '1111222233334444');
    data.vldDtMon = enc(options.month ?? '12');
    data.vldDtYear = enc(options.year ?? '39');
    if (options.password) data.cardPwd = enc(options.password);
    if (options.birth) data.idntNo = enc(options.birth);
  }
  if (options.notiUrl) data.notiUrl = options.notiUrl;
  return { params: h, data };
}

export function cancelBody(mchtId: string, orgTrdNo: string, amount: number, cnclOrd: string, method = 'CA'): Envelope {
  const h = header(mchtId, method, 'C0');
  return {
    params: h,
    data: { pktHash: requestHash(h, String(amount)), orgTrdNo, crcCd: 'KRW', cnclOrd, cnclAmt: enc(String(amount)) },
  };
}

export async function transactions(baseUrl: string, mchtId?: string) {
  const response = await fetch(`${baseUrl}/__sandbox/transactions${mchtId ? `?mchtId=${mchtId}` : ''}`);
  return ((await response.json()) as { transactions: { trdNo: string; method: string; status: string; amount: number; cancelledAmount: number; billKey?: string; mchtTrdNo: string }[] }).transactions;
}

/** A tiny notification receiver: answers OK and hands each form post to waiting tests. */
export async function startReceiver(answer = 'OK') {
  const received: Record<string, string>[] = [];
  const waiters: { match: (f: Record<string, string>) => boolean; resolve: (f: Record<string, string>) => void }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      received.push(fields);
      for (const waiter of [...waiters]) {
        if (waiter.match(fields)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(fields);
        }
      }
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/noti`,
    received,
    /** Resolves with the first notification (past or future) that matches. */
    next(match: (f: Record<string, string>) => boolean): Promise<Record<string, string>> {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Notification pktHash: outStatCd + trdDtm + mchtId + mchtTrdNo + trdAmt + key. */
export const notificationHash = (f: Record<string, string>, key = LICENSE_KEY): string =>
  sha256((f.outStatCd ?? '') + (f.trdDtm ?? '') + (f.mchtId ?? '') + (f.mchtTrdNo ?? '') + (f.trdAmt ?? '') + key);
