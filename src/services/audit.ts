import { redactForAudit } from '../domain/audit.ts';
import type { Executor } from '../store/db.ts';
import { appendAudit } from '../store/repositories/audit.ts';
import type { Actor } from './deps.ts';

export interface AuditEvent {
  actor: Actor;
  merchantId: string | null;
  storeId?: string | null;
  action: string;
  target: { type: string; id: string | null };
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Written in the caller's transaction, so the change and its record commit together. */
export async function recordAudit(db: Executor, event: AuditEvent): Promise<void> {
  await appendAudit(db, {
    at: event.at,
    actorType: event.actor.type,
    actorId: event.actor.id ?? null,
    merchantId: event.merchantId,
    storeId: event.storeId ?? null,
    action: event.action,
    targetType: event.target.type,
    targetId: event.target.id,
    before: event.before === undefined ? null : redactForAudit(event.before),
    after: event.after === undefined ? null : redactForAudit(event.after),
    ip: event.actor.ip ?? null,
  });
}
