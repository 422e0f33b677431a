import { audit } from '../platform/audit/audit.js';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { todayInUk } from '../platform/dates.js';
import { countByStatus, filterDue, sortDue, type DueFilter, type DueProvider } from './due.js';

/** One page of everything due, from every provider, for what this actor may see. */
export function dueService(db: Database, providers: readonly DueProvider[]) {
  return {
    async list(actor: Actor, filter: DueFilter & { page: number }, today = todayInUk()) {
      const all = (await Promise.all(providers.map((provide) => provide(actor, today, filter.worker)))).flat();
      const matching = sortDue(filterDue(all, filter));
      await db.inScope(actor, (tx) => audit(tx, actor, { action: 'listed', recordType: 'due', changes: { kind: filter.kind ?? null, status: filter.status ?? null, worker: filter.worker ?? null, page: filter.page } }));
      return {
        total: matching.length,
        counts: countByStatus(filterDue(all, { ...filter, status: undefined })),
        kinds: [...new Map(all.map((i) => [i.kind, i.kindName])).entries()].sort((a, b) => a[1].localeCompare(b[1])),
        rows: matching.slice((filter.page - 1) * PAGE_SIZE, filter.page * PAGE_SIZE),
      };
    },
  };
}

export type DueService = ReturnType<typeof dueService>;
