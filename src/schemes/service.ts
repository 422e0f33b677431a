import { randomUUID } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import { audit } from '../platform/audit/audit.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { rowsOf, type Database, type Tx } from '../platform/db/database.js';
import { memberships, schemes, users } from '../platform/db/schema.js';
import { InputProblem } from '../platform/forms/forms.js';
import type { Actor } from '../platform/http/types.js';

export interface NewScheme {
  name: string;
  kind: 'shared_lives' | 'homeshare' | 'both';
  region: string;
  localAuthority: string;
  managerName: string;
  managerEmail: string;
  managerPassword: string | null;
}

/** What a capability sets up in a new scheme (its default settings), inside the scheme's own scope. */
export type SchemeSetUp = (tx: Tx, schemeId: string) => Promise<void>;

/** Schemes are Hearth's tenants. National administrators add them; they never see inside them. */
export function schemesService(db: Database, setUp: readonly SchemeSetUp[] = []) {
  return {
    list: (actor: Actor) => db.inScope(actor, (tx) => tx.select().from(schemes).orderBy(asc(schemes.name))),

    async create(actor: Actor, input: NewScheme) {
      const passwordHash = input.managerPassword ? await hashPassword(input.managerPassword) : null;
      return db.inScope(actor, async (tx) => {
        const id = randomUUID();
        await tx
          .insert(schemes)
          .values({ id, name: input.name, kind: input.kind, region: input.region, localAuthority: input.localAuthority });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'scheme',
          recordId: id,
          changes: { name: input.name, kind: input.kind, region: input.region, localAuthority: input.localAuthority },
        });
        // The first manager's membership belongs to the new scheme, so it is written in that scheme's scope.
        await tx.execute(sql`select set_config('app.scheme_id', ${id}, true)`);
        const [existing] = await rowsOf<{ id: string | null }>(tx, sql`select hearth_user_id_by_email(${input.managerEmail}) as id`);
        let userId = existing?.id ?? null;
        if (!userId) {
          if (!passwordHash) throw new InputProblem('managerPassword', 'Enter a first password for the new manager');
          userId = randomUUID();
          await tx.insert(users).values({ id: userId, name: input.managerName, email: input.managerEmail, passwordHash });
        }
        await tx.insert(memberships).values({ userId, schemeId: id, role: 'scheme_manager' });
        for (const step of setUp) await step(tx, id);
        return { id };
      });
    },
  };
}

export type SchemesService = ReturnType<typeof schemesService>;
