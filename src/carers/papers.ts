import { eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import type { PanelPapers } from '../panel/papers.js';
import { todayInUk } from '../platform/dates.js';
import { carerFor } from './access.js';
import { requirementsOf } from './checks/service.js';
import { homeOf, membersOf } from './household-service.js';
import { homeSummary } from './household.js';
import { carers } from './schema.js';
import { users } from '../platform/db/schema.js';

/** The papers a panel sees about a carer, as things stand today: written by the worker, never the full record. */
export async function panelPapersFor(tx: Tx, actor: Actor, carerId: string, summary: string): Promise<PanelPapers> {
  const carer = await carerFor(tx, actor, carerId);
  const today = todayInUk();
  const [worker] = carer.workerUserId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, carer.workerUserId)) : [];
  const members = (await membersOf(tx, carerId, today)).filter((m) => m.living);
  const [checks] = await requirementsOf(tx, eq(carers.id, carerId), today);
  return {
    carerName: carer.name,
    area: carer.area,
    enquiredOn: carer.enquiredOn,
    worker: worker?.name ?? null,
    summary,
    home: homeSummary(await homeOf(tx, carerId)),
    household: members.map((m) => ({ name: m.name, relationship: m.relationship, age: m.age, adult: m.adult })),
    checks: (checks?.requirements ?? [])
      .filter((r) => r.type.required || r.latest)
      .map((r) => ({
        name: r.type.name,
        who: r.who.name,
        status: r.status,
        completedOn: r.latest?.completedOn ?? null,
        expiresOn: r.dueOn,
      })),
    preparedOn: today,
    preparedBy: actor.name,
  };
}
