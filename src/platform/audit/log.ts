import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { auditEvents } from '../db/schema.js';
import type { Actor } from '../http/types.js';
import { PAGE_SIZE } from '../layout/paging.js';

export interface AuditFilter {
  action?: string | undefined;
  recordType?: string | undefined;
  page: number;
}

/**
 * Reading the audit log. Row-level security keeps each scheme to its own events,
 * and national administrators to the national ones.
 */
export function auditLog(db: Database) {
  return {
    async list(actor: Actor, filter: AuditFilter) {
      const conditions: SQL[] = [];
      if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
      if (filter.recordType) conditions.push(eq(auditEvents.recordType, filter.recordType));
      const where = conditions.length ? and(...conditions) : undefined;
      return db.inScope(actor, async (tx) => {
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(auditEvents).where(where);
        const events = await tx
          .select()
          .from(auditEvents)
          .where(where)
          .orderBy(desc(auditEvents.at), desc(auditEvents.id))
          .limit(PAGE_SIZE)
          .offset((Math.max(1, filter.page) - 1) * PAGE_SIZE);
        return { total: Number(total), events };
      });
    },

    async recordTypes(actor: Actor) {
      return db.inScope(actor, async (tx) =>
        (await tx.selectDistinct({ recordType: auditEvents.recordType }).from(auditEvents).orderBy(auditEvents.recordType)).map(
          (r) => r.recordType,
        ),
      );
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
