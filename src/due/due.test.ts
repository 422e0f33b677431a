import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import { testDatabase } from '../platform/testing/database.js';
import { aScheme, aUser } from '../platform/testing/builders.js';
import type { DueItemStatus, DueProvider, DueRow } from './due.js';
import { dueService } from './service.js';

const SUBJECT = '00000000-0000-4000-8000-000000000001';

/** A provider of fixed items, as a VALUES list in the common shape. */
function fixed(
  items: { kind: string; who: string; title?: string; workerUserId?: string | null; dueOn: string | null; status: DueItemStatus }[],
): DueProvider {
  const rows = items.map(
    (i) =>
      sql`(${i.kind}::text, ${i.title ?? 'DBS check'}::text, ${i.who}::text, ${i.workerUserId ?? null}::uuid, ${i.dueOn}::date, ${i.status}::text, ${SUBJECT}::uuid, null::text)`,
  );
  return {
    kinds: { check: 'Check', review: 'Yearly review', training: 'Training' },
    items: (
      _actor,
      _today,
      worker,
    ) => sql`select * from (values ${sql.join(rows, sql`, `)}) as due (kind, title, who, worker_user_id, due_on, status, subject_id, detail)
      where ${worker === 'none' ? sql`worker_user_id is null` : worker ? sql`worker_user_id = ${worker}::uuid` : sql`true`}`,
    show: (row: DueRow) => ({ ...row, kindName: row.kind, whoHref: null, action: null }),
  };
}

describe('what is due, filtered, sorted, counted and paged by the database', () => {
  let db: Database;
  let actor: Actor;
  const w1 = '00000000-0000-4000-8000-0000000000a1';
  beforeAll(async () => {
    db = await testDatabase();
    const schemeId = (await aScheme(db)).id;
    const worker = await aUser(db, { role: 'scheme_worker', schemeId });
    actor = { userId: worker.id, schemeId, role: 'scheme_worker', name: worker.name };
  });
  afterAll(async () => db.close());

  const items = fixed([
    { kind: 'check', status: 'due_soon', dueOn: '2026-04-10', who: 'Bo' },
    { kind: 'review', status: 'overdue', dueOn: '2026-02-01', who: 'Cy', workerUserId: w1 },
    { kind: 'training', status: 'missing', dueOn: null, who: 'Di' },
    { kind: 'check', status: 'overdue', dueOn: '2025-12-01', who: 'Ed' },
    { kind: 'check', status: 'overdue', dueOn: '2025-12-01', who: 'Ed', title: 'Care Certificate' },
    { kind: 'check', status: 'due_soon', dueOn: '2026-04-10', who: 'Al', title: 'First aid' },
  ]);
  const list = (filter: Parameters<ReturnType<typeof dueService>['list']>[1]) => dueService(db, [items]).list(actor, filter);

  it('puts overdue first, then missing, then due soon, earliest date first, then by who and what', async () => {
    const { rows, total } = await list({ page: 1 });
    expect(rows.map((i) => `${i.who}: ${i.title}`)).toEqual([
      'Ed: Care Certificate',
      'Ed: DBS check',
      'Cy: DBS check',
      'Di: DBS check',
      'Al: First aid',
      'Bo: DBS check',
    ]);
    expect(total).toBe(6);
  });

  it('filters by kind, status and worker, and counts by status whatever the status chosen', async () => {
    expect((await list({ page: 1, kind: 'review' })).rows.map((i) => i.who)).toEqual(['Cy']);
    const overdue = await list({ page: 1, status: 'overdue' });
    expect(overdue.rows.map((i) => i.who)).toEqual(['Ed', 'Ed', 'Cy']);
    expect(overdue.counts).toEqual({ overdue: 3, missing: 1, due_soon: 2 });
    expect((await list({ page: 1, worker: w1 })).rows.map((i) => i.who)).toEqual(['Cy']);
    expect((await list({ page: 1, worker: 'none' })).total).toBe(5);
    expect((await list({ page: 1, kind: 'check' })).counts).toEqual({ overdue: 2, missing: 0, due_soon: 2 });
  });

  it('offers every kind there is, by name, whatever the kind chosen', async () => {
    expect((await list({ page: 1, kind: 'review' })).kinds).toEqual([
      ['check', 'Check'],
      ['training', 'Training'],
      ['review', 'Yearly review'],
    ]);
  });

  it('pages the list, and a page past the end is empty but keeps the counts', async () => {
    const many = fixed(
      Array.from({ length: PAGE_SIZE + 3 }, (_, i) => ({
        kind: 'check',
        status: 'overdue' as const,
        dueOn: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`,
        who: `P${String(i).padStart(3, '0')}`,
      })),
    );
    const due = dueService(db, [many]);
    const second = await due.list(actor, { page: 2 });
    expect(second.rows).toHaveLength(3);
    expect(second.total).toBe(PAGE_SIZE + 3);
    const past = await due.list(actor, { page: 9 });
    expect(past.rows).toEqual([]);
    expect(past.counts.overdue).toBe(PAGE_SIZE + 3);
  });
});
