import { sql, type SQL } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import type { Database } from '../platform/db/database.js';
import { preparedRows } from '../platform/db/prepared.js';
import type { Actor } from '../platform/http/types.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { todayInUk } from '../platform/dates.js';
import { DUE_ITEM_STATUSES, type DueFilter, type DueItemStatus, type DueProvider, type DueRow } from './due.js';

/** Overdue first, then missing, then due soon; within each, the earliest date first (no date before any), then who and what. */
const ORDER = sql`array_position(array[${sql.join(
  DUE_ITEM_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)}]::text[], status), due_on nulls first, who, title`;

interface Summary {
  kind: string;
  status: DueItemStatus;
  n: number;
}

/**
 * Every provider's items as one table, and in one statement: the page asked for, in order, and how
 * many there are of each kind and status (for the counts, the kinds to choose from and the total).
 * Only the page leaves the database.
 */
function dueQuery(parts: SQL[], filter: DueFilter & { page: number }): SQL {
  const chosen = [filter.kind ? sql`kind = ${filter.kind}` : sql`true`, filter.status ? sql`status = ${filter.status}` : sql`true`];
  return sql`with due as (${sql.join(
    parts.map((part) => sql`(${part})`),
    sql` union all `,
  )})
    select (select coalesce(json_agg(p order by p.position), '[]'::json) from (
        select kind, title, who, worker_user_id as "workerUserId", due_on::text as "dueOn", status, subject_id as "subjectId", detail,
          row_number() over (order by ${ORDER}) as position
        from due where ${sql.join(chosen, sql` and `)}
        order by position limit ${PAGE_SIZE} offset ${(filter.page - 1) * PAGE_SIZE}) p) as rows,
      (select coalesce(json_agg(s), '[]'::json) from (select kind, status, count(*)::int as n from due group by kind, status) s) as summary`;
}

/** One page of everything due, from every provider, for what this actor may see. */
export function dueService(db: Database, providers: readonly DueProvider[]) {
  const byKind = new Map(providers.flatMap((provider) => Object.keys(provider.kinds).map((kind) => [kind, provider] as const)));
  const kindName = (kind: string) => byKind.get(kind)?.kinds[kind] ?? kind;
  return {
    async list(actor: Actor, filter: DueFilter & { page: number }, today = todayInUk()) {
      const parts = providers.map((provide) => provide.items(actor, today, filter.worker)).filter((part): part is SQL => part !== null);
      const found = await db.inScope(actor, async (tx) => {
        // Prepared: planning the statement through every provider's row-level security costs more than running it.
        const [result] = parts.length
          ? await preparedRows<{ rows: DueRow[]; summary: Summary[] }>(tx, ['rows', 'summary'], dueQuery(parts, filter))
          : [];
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'due',
          changes: { kind: filter.kind ?? null, status: filter.status ?? null, worker: filter.worker ?? null, page: filter.page },
        });
        return result ?? { rows: [], summary: [] };
      });
      const ofKind = found.summary.filter((s) => !filter.kind || s.kind === filter.kind);
      const counts = { overdue: 0, missing: 0, due_soon: 0 };
      for (const s of ofKind) counts[s.status] += s.n;
      return {
        total: ofKind.filter((s) => !filter.status || s.status === filter.status).reduce((sum, s) => sum + s.n, 0),
        counts,
        kinds: [...new Set(found.summary.map((s) => s.kind))]
          .map((kind) => [kind, kindName(kind)] as const)
          .sort((a, b) => a[1].localeCompare(b[1])),
        rows: found.rows.map((row) => byKind.get(row.kind)!.show(row, actor)),
      };
    },
  };
}

export type DueService = ReturnType<typeof dueService>;
