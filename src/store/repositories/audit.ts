import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { auditLog } from '../schema.ts';

export type AuditEntry = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

export async function listAudit(db: Executor, merchantId: string, limit = 100): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(eq(auditLog.merchantId, merchantId)).orderBy(desc(auditLog.id)).limit(limit);
}

export async function listAuditForTarget(db: Executor, merchantId: string, targetId: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.merchantId, merchantId), eq(auditLog.targetId, targetId)))
    .orderBy(auditLog.id);
}
