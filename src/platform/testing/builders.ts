import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import { memberships, schemes, users } from '../db/schema.js';
import type { Role } from '../permissions/roles.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** Test data from builders: every call makes new, fictional rows, through the owner's connection. */
export async function aScheme(db: Database, overrides: Partial<typeof schemes.$inferInsert> = {}) {
  const [row] = await db.owner
    .insert(schemes)
    .values({
      name: `Testford Shared Lives ${randomUUID().slice(0, 6)}`,
      region: 'South West',
      localAuthority: 'Testford Council',
      kind: 'shared_lives',
      ...overrides,
    })
    .returning();
  return row!;
}

export async function aUser(db: Database, options: { role: Role; schemeId: string | null; name?: string; email?: string }) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID();
  const [user] = await db.owner
    .insert(users)
    .values({
      id,
      name: options.name ?? `Test ${options.role.replace('_', ' ')} ${id.slice(0, 4)}`,
      email: options.email ?? `${options.role}-${id.slice(0, 8)}@test.hearth.example`,
      passwordHash: await passwordHash,
    })
    .returning();
  const [membership] = await db.owner
    .insert(memberships)
    .values({ userId: id, schemeId: options.schemeId, role: options.role })
    .returning();
  return { ...user!, membership: membership! };
}
