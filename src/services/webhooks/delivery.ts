import { performance } from 'node:perf_hooks';
import { Webhook } from 'standardwebhooks';
import type { Secret } from '../../domain/secret.ts';
import { afterFailedAttempt } from '../../domain/webhookRetries.ts';
import { openWebhookSecret } from '../../store/repositories/webhookEndpoints.ts';
import {
  claimDueOutboxRows,
  recordDeliveryAttempt,
  type AttemptOutcome,
  type WebhookOutboxRow,
} from '../../store/repositories/webhookOutbox.ts';
import type { Deps } from '../deps.ts';

/** How long one POST (connect, answer and the start of its body) may take. */
export const deliveryTimeoutMs = 15_000;
/** A claimed row is hidden from other deliverers this long; well over the timeout. */
const claimLeaseMs = 2 * 60_000;
/** The receiver's answer kept in the attempt log. */
const responseExcerptChars = 500;
const userAgent = 'paymux-webhooks/1';

export interface DeliveryOptions {
  timeoutMs?: number;
  /** Jitter source for the retry schedule. */
  random?: () => number;
}

/** What one attempt did, as logged in webhook_attempts. */
export interface AttemptReport {
  outboxId: string;
  status: AttemptOutcome['status'];
  httpStatus: number | null;
  error: string | null;
}

interface PostResult {
  httpStatus: number | null;
  error: string | null;
  responseExcerpt: string | null;
  /** Retrying cannot help (the URL itself is unusable). */
  permanent?: boolean;
}

/** Signing secrets of the stores met in one dispatch run, each opened once. */
type SecretCache = Map<string, Promise<Secret | undefined>>;

/**
 * The Standard Webhooks headers for one attempt: the row id as `webhook-id` (the same on every
 * retry, so receivers can deduplicate), the attempt's time, and `v1,<base64 HMAC-SHA256>` over
 * `{id}.{timestamp}.{body}` keyed by the decoded `whsec_` secret.
 */
export function signatureHeaders(secret: Secret, id: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret.reveal()).sign(id, at, body),
  };
}

/** A receiver URL for logs: merchants sometimes put tokens in the query, so it is left out. */
function urlForLog(url: string): string {
  if (!URL.canParse(url)) return '[unparsable URL]';
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}

function isHttpUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}

/** Reads at most enough of the answer for the excerpt, so a huge reply cannot tie the worker up. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < responseExcerptChars * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A reply cut off or timed out while its body streams: keep what arrived.
  } finally {
    void reader.cancel().catch(() => {});
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  return text.slice(0, responseExcerptChars);
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  if (error instanceof Error) {
    const cause = error.cause as { code?: string; message?: string } | undefined;
    return cause?.code ? `${cause.code}: ${cause.message ?? error.message}` : error.message;
  }
  return String(error);
}

async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostResult> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      // A redirect is not a delivery: the receiver should be configured with its final URL.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { httpStatus: response.status, error: null, responseExcerpt: await readExcerpt(response) };
  } catch (error) {
    return { httpStatus: null, error: describeFetchError(error, timeoutMs), responseExcerpt: null };
  }
}

async function attempt(deps: Deps, row: WebhookOutboxRow, secrets: SecretCache, at: Date, timeoutMs: number): Promise<PostResult> {
  if (!isHttpUrl(row.url)) return { httpStatus: null, error: 'not an http(s) URL', responseExcerpt: null, permanent: true };
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': userAgent };
  if (row.apiVersion === 'V2') {
    let secret = secrets.get(row.storeId);
    if (!secret) {
      secret = openWebhookSecret(deps.db, deps.box, row.storeId, 'V2');
      secrets.set(row.storeId, secret);
    }
    const opened = await secret;
    if (!opened) return { httpStatus: null, error: 'the store has no V2 webhook secret', responseExcerpt: null };
    Object.assign(headers, signatureHeaders(opened, row.id, at, row.body));
  }
  // V1 (iamport) webhooks are unsigned: receivers re-fetch the payment.
  return post(row.url, headers, row.body, timeoutMs);
}

/**
 * Makes one delivery attempt of a row this process has claimed (see claimDueOutboxRows) and
 * records it: a 2xx answer delivers it; anything else schedules a retry, or gives up once the
 * row is more than 24 hours old.
 */
export async function deliverClaimedWebhook(
  deps: Deps,
  row: WebhookOutboxRow,
  options: DeliveryOptions = {},
  secrets: SecretCache = new Map(),
): Promise<AttemptReport> {
  const timeoutMs = options.timeoutMs ?? deliveryTimeoutMs;
  const attemptedAt = deps.clock.now();
  const started = performance.now();
  const result = await attempt(deps, row, secrets, attemptedAt, timeoutMs);
  const durationMs = Math.round(performance.now() - started);

  const delivered = result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300;
  let outcome: AttemptOutcome;
  if (delivered) outcome = { status: 'DELIVERED', at: attemptedAt };
  else if (result.permanent) outcome = { status: 'GAVE_UP' };
  else {
    const next = afterFailedAttempt(row.createdAt, row.attemptCount + 1, attemptedAt, options.random);
    outcome = next.giveUp ? { status: 'GAVE_UP' } : { status: 'PENDING', nextAttemptAt: next.nextAttemptAt };
  }

  await recordDeliveryAttempt(
    deps.db,
    { outboxId: row.id, leaseUntil: row.nextAttemptAt },
    { attemptedAt, durationMs, httpStatus: result.httpStatus, error: result.error, responseExcerpt: result.responseExcerpt },
    outcome,
  );
  const logged = { outboxId: row.id, storeId: row.storeId, url: urlForLog(row.url), attempt: row.attemptCount + 1, httpStatus: result.httpStatus, error: result.error };
  if (outcome.status === 'GAVE_UP') deps.log.warn(logged, 'webhook delivery given up');
  else if (outcome.status === 'PENDING') deps.log.info({ ...logged, nextAttemptAt: outcome.nextAttemptAt }, 'webhook delivery failed; will retry');
  return { outboxId: row.id, status: outcome.status, httpStatus: result.httpStatus, error: result.error };
}

export interface DispatchOptions extends DeliveryOptions {
  /** Rows claimed (and delivered in parallel) at a time. */
  batchSize?: number;
  /** Batches per run, so one run ends even under a backlog; the next run goes on. */
  maxBatches?: number;
}

/**
 * Delivers every due outbox row, batch by batch. Safe to run in several processes at once: each
 * row is claimed by exactly one of them. "Now" comes from deps.clock.
 */
export async function deliverDueWebhooks(deps: Deps, options: DispatchOptions = {}): Promise<AttemptReport[]> {
  const batchSize = options.batchSize ?? 20;
  const maxBatches = options.maxBatches ?? 10;
  const secrets: SecretCache = new Map();
  const reports: AttemptReport[] = [];
  for (let batch = 0; batch < maxBatches; batch++) {
    const now = deps.clock.now();
    const rows = await claimDueOutboxRows(deps.db, { now, leaseUntil: new Date(now.getTime() + claimLeaseMs), limit: batchSize });
    const settled = await Promise.allSettled(rows.map((row) => deliverClaimedWebhook(deps, row, options, secrets)));
    for (const [index, result] of settled.entries()) {
      // A row whose attempt could not be recorded stays claimed until its lease ends, then is retried.
      if (result.status === 'fulfilled') reports.push(result.value);
      else deps.log.error({ err: result.reason, outboxId: rows[index]!.id }, 'webhook delivery could not be recorded');
    }
    if (rows.length < batchSize) break;
  }
  return reports;
}
