import { eq } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import type { Actor } from '../platform/http/types.js';
import type { PanelPapers } from '../panel/papers.js';
import { carerFor } from './access.js';
import { requirementsOf } from './checks/service.js';
import { todayIso } from './dates.js';
import { homeOf, membersOf, type Home } from './household-service.js';
import { SMOKING_NAMES } from './household.js';
import { carers } from './schema.js';
import { users } from '../platform/db/schema.js';

const yesNo = (value: boolean | null) => (value === null ? 'Not known' : value ? 'Yes' : 'No');

export function homeSummary(home: Home): { label: string; value: string }[] {
  return [
    { label: 'Bedrooms', value: home.bedrooms === null ? 'Not known' : `${home.bedrooms} (${home.spareBedrooms ?? 0} spare)` },
    { label: 'Step-free access', value: yesNo(home.stepFree) },
    { label: 'Own bathroom for the person', value: yesNo(home.ownBathroom) },
    { label: 'Smoking', value: home.smoking ? SMOKING_NAMES[home.smoking] : 'Not known' },
    { label: 'Pets', value: home.pets ?? 'None' },
    { label: 'Languages spoken', value: home.languages.join(', ') || 'Not recorded' },
    { label: 'Faith', value: home.faith ?? 'Not recorded' },
    { label: 'Culture', value: home.culture ?? 'Not recorded' },
    { label: 'Interests', value: home.interests.join(', ') || 'Not recorded' },
    { label: 'Routines', value: home.routines ?? 'Not recorded' },
  ];
}

/** The papers a panel sees about a carer, as things stand today: written by the worker, never the full record. */
export async function panelPapersFor(tx: Tx, actor: Actor, carerId: string, summary: string): Promise<PanelPapers> {
  const carer = await carerFor(tx, actor, carerId);
  const today = todayIso();
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
    checks: (checks?.requirements ?? []).filter((r) => r.type.required || r.latest).map((r) => ({
      name: r.type.name, who: r.who.name, status: r.status, completedOn: r.latest?.completedOn ?? null, expiresOn: r.dueOn,
    })),
    preparedOn: today,
    preparedBy: actor.name,
  };
}
