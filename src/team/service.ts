import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { memberships, users } from '../platform/db/schema.js';
import { notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import type { Actor } from '../platform/http/types.js';
import { PAGE_SIZE } from '../platform/layout/paging.js';
import type { Role } from '../platform/permissions/roles.js';

export interface NewMember {
  name: string;
  email: string;
  role: Exclude<Role, 'national_admin'>;
  password?: string | null | undefined;
}

export interface TeamFilter {
  q?: string | undefined;
  role?: Role | undefined;
  page: number;
}

const member = {
  id: memberships.id,
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  status: users.status,
  since: memberships.createdAt,
  endedAt: memberships.endedAt,
};

/**
 * Who can sign in to a scheme, and as what. A person may hold several roles; adding someone
 * whose email Hearth already knows gives that person a new role rather than a second account.
 */
export function teamService(db: Database) {
  return {
    async list(actor: Actor, filter: TeamFilter) {
      const conditions: SQL[] = [isNull(memberships.endedAt)];
      if (filter.role) conditions.push(eq(memberships.role, filter.role));
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(users.name, like), ilike(users.email, like))!);
      }
      const where = and(...conditions);
      return db.inScope(actor, async (tx) => {
        const [{ total } = { total: 0 }] = await tx
          .select({ total: count() })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(where);
        const rows = await tx
          .select(member)
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(where)
          .orderBy(asc(users.name), asc(memberships.role))
          .limit(PAGE_SIZE)
          .offset((filter.page - 1) * PAGE_SIZE);
        await audit(tx, actor, {
          action: 'listed',
          recordType: 'team',
          changes: { search: filter.q ?? null, role: filter.role ?? null, page: filter.page },
        });
        return { total: Number(total), rows };
      });
    },

    async view(actor: Actor, membershipId: string) {
      return db.inScope(actor, async (tx) => {
        const [found] = await tx
          .select(member)
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(eq(memberships.id, membershipId));
        if (!found) throw notFound();
        const roles = await tx
          .select({ role: memberships.role, since: memberships.createdAt, endedAt: memberships.endedAt })
          .from(memberships)
          .where(eq(memberships.userId, found.userId))
          .orderBy(asc(memberships.createdAt));
        await audit(tx, actor, { action: 'viewed', recordType: 'user', recordId: found.userId, subjectUserId: found.userId });
        return { ...found, roles };
      });
    },

    async add(actor: Actor, input: NewMember) {
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      return db.inScope(actor, async (tx) => {
        const userId = (await existingUser(tx, input.email)) ?? (await createUser(tx, input, passwordHash));
        const [already] = await tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.userId, userId), eq(memberships.role, input.role), isNull(memberships.endedAt)));
        if (already) throw new InputProblem('email', 'This person already has that role in this scheme');
        const id = randomUUID();
        await tx.insert(memberships).values({ id, userId, schemeId: actor.schemeId, role: input.role });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'membership',
          recordId: id,
          subjectUserId: userId,
          changes: { name: input.name, email: input.email, role: input.role },
        });
        return { id, userId };
      });
    },

    async end(actor: Actor, membershipId: string) {
      return db.inScope(actor, async (tx) => {
        const [found] = await tx
          .select({ userId: memberships.userId, role: memberships.role, endedAt: memberships.endedAt })
          .from(memberships)
          .where(eq(memberships.id, membershipId));
        if (!found) throw notFound();
        if (found.endedAt) return;
        if (found.userId === actor.userId && found.role === actor.role)
          throw new InputProblem('confirm', 'You cannot end your own access while using it');
        await tx.update(memberships).set({ endedAt: new Date() }).where(eq(memberships.id, membershipId));
        await audit(tx, actor, {
          action: 'ended',
          recordType: 'membership',
          recordId: membershipId,
          subjectUserId: found.userId,
          changes: { role: found.role },
        });
      });
    },
  };
}

async function existingUser(tx: Tx, email: string): Promise<string | null> {
  const [row] = await rowsOf<{ id: string | null }>(tx, sql`select hearth_user_id_by_email(${email}) as id`);
  return row?.id ?? null;
}

async function createUser(tx: Tx, input: NewMember, passwordHash: string | null): Promise<string> {
  if (!passwordHash) throw new InputProblem('password', 'Enter a first password for this new person');
  const id = randomUUID();
  await tx.insert(users).values({ id, name: input.name, email: input.email, passwordHash });
  return id;
}

export type TeamService = ReturnType<typeof teamService>;
