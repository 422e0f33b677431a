import { sql } from 'drizzle-orm';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Database } from '../platform/db/database.js';
import { memberships, schemes, users } from '../platform/db/schema.js';
import { carerApprovals, carerHomes, carerReviews, carers, carerStageChanges, householdMembers } from '../carers/schema.js';
import { checkRecords, checkTypes } from '../carers/checks/schema.js';
import { approvalPanels, panelCases, panelMembers, panelViews } from '../panel/schema.js';
import type { DemoData } from './generate.js';

export interface DemoCounts {
  schemes: number;
  users: number;
  memberships: number;
  carers: number;
  /** Their households, checks, stage history, reviews, approvals and panels. */
  carerRecords: number;
}

/** Carers' tables, in the order their foreign keys need. */
const CARER_TABLES = [
  ['checkTypes', checkTypes], ['carerHomes', carerHomes], ['householdMembers', householdMembers], ['carerStageChanges', carerStageChanges],
  ['approvalPanels', approvalPanels], ['panelMembers', panelMembers], ['panelCases', panelCases], ['panelViews', panelViews],
  ['carerApprovals', carerApprovals], ['checkRecords', checkRecords], ['carerReviews', carerReviews],
] as const;

const ROWS_PER_INSERT = 1_000;

/**
 * Loads demo data through the owner's connection in one transaction. Rows already there are
 * left alone, so loading twice leaves one copy. Returns how many rows were added.
 * Every demo user gets the same hash of the demo password: it is hashed once, not 23,000 times.
 */
export async function loadDemo(db: Database, data: DemoData, options: { password: string }): Promise<DemoCounts> {
  const passwordHash = await hashPassword(options.password);
  return db.owner.transaction(async (tx) => {
    const counts = {
      schemes: await inChunks(data.schemes, (chunk) =>
        tx.insert(schemes).values(chunk).onConflictDoNothing().returning({ id: schemes.id })),
      users: await inChunks(data.users, (chunk) =>
        tx.insert(users).values(chunk.map((user) => ({ ...user, passwordHash }))).onConflictDoNothing().returning({ id: users.id })),
      memberships: await inChunks(data.memberships, (chunk) =>
        tx.insert(memberships).values(chunk).onConflictDoNothing().returning({ id: memberships.id })),
      carers: 0,
      carerRecords: 0,
    };
    // Check types first (records point at them), then carers, then everything that belongs to a carer.
    counts.carerRecords += await inChunks(data.checkTypes, (chunk) => tx.insert(checkTypes).values(chunk).onConflictDoNothing().returning({ id: checkTypes.id }));
    counts.carers = await inChunks(data.carers, (chunk) => tx.insert(carers).values(chunk).onConflictDoNothing().returning({ id: carers.id }));
    for (const [key, table] of CARER_TABLES.slice(1)) {
      counts.carerRecords += await inChunks<object>(data[key], (chunk) => tx.insert(table).values(chunk as never).onConflictDoNothing().returning({ one: sql`1` }));
    }
    return counts;
  });
}

/** Whether any scheme exists: start-up loads the small demo only into an empty database. */
export async function hasAnyScheme(db: Database): Promise<boolean> {
  const found = await db.owner.select({ one: sql`1` }).from(schemes).limit(1);
  return found.length > 0;
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown[]>): Promise<number> {
  let added = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    added += (await insert(rows.slice(start, start + ROWS_PER_INSERT))).length;
  }
  return added;
}
