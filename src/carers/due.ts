import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Database } from '../platform/db/database.js';
import type { DueItem, DueProvider } from '../due/due.js';
import { addDays } from '../platform/dates.js';
import { isStaffActor, visibleCarers } from './access.js';
import { requirementsOf } from './checks/service.js';
import { isDue } from './checks/requirements.js';
import { statusOn } from './checks/expiry.js';
import { carers } from './schema.js';
import { CURRENT } from './stages.js';

const KIND_NAMES = { check: 'Check', training: 'Training', review: 'Yearly review' } as const;

/** Carers' part of "What is due": checks and training of approved carers and their adults, and yearly reviews. */
export function carersDue(db: Database): DueProvider {
  return (actor, today, worker) => db.inScope(actor, async (tx) => {
    const staff = isStaffActor(actor);
    const whose = worker === 'none' ? isNull(carers.workerUserId) : worker ? eq(carers.workerUserId, worker) : undefined;
    const current = and(visibleCarers(actor), inArray(carers.stage, [...CURRENT]), whose)!;
    const items: DueItem[] = [];

    for (const { carer, requirements } of await requirementsOf(tx, current, today)) {
      for (const r of requirements.filter(isDue)) {
        const member = r.who.memberId;
        items.push({
          kind: r.type.kind,
          kindName: KIND_NAMES[r.type.kind],
          title: r.type.howMany > 1 ? `${r.type.name} (${r.type.howMany} needed)` : r.type.name,
          who: member ? `${r.who.name} (in ${carer.name}’s household)` : carer.name,
          whoHref: `/carers/${carer.id}`,
          workerUserId: carer.workerUserId,
          dueOn: r.dueOn,
          status: r.status === 'ok' ? 'due_soon' : r.status,
          action: staff
            ? { text: `Record ${r.type.kind === 'training' ? 'training' : 'check'}`, href: `/carers/${carer.id}/checks/new?type=${r.type.id}${member ? `&member=${member}` : ''}` }
            : { text: 'See your checks', href: `/carers/${carer.id}/checks` },
        });
      }
    }

    const reviews = await tx.select({ id: carers.id, name: carers.name, workerUserId: carers.workerUserId, reviewDueOn: carers.reviewDueOn })
      .from(carers).where(and(current, lte(carers.reviewDueOn, addDays(today, 30))));
    for (const c of reviews) {
      const status = statusOn(c.reviewDueOn, today);
      if (status === 'ok') continue;
      items.push({
        kind: 'review', kindName: KIND_NAMES.review, title: 'Yearly carer review', who: c.name, whoHref: `/carers/${c.id}`,
        workerUserId: c.workerUserId, dueOn: c.reviewDueOn, status,
        action: staff ? { text: 'Record review', href: `/carers/${c.id}/reviews/new` } : { text: 'See your reviews', href: `/carers/${c.id}/reviews` },
      });
    }
    return items;
  });
}
