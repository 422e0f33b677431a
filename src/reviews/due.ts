import { and, eq, max, ne, or, isNotNull, sql } from 'drizzle-orm';
import { carerName, visibleArrangements, withCarer, workerIs } from '../arrangements/access.js';
import { carers } from '../carers/schema.js';
import { arrangements } from '../arrangements/schema.js';
import type { DueItem, DueProvider } from '../due/due.js';
import { people } from '../people/schema.js';
import type { Database } from '../platform/db/database.js';
import { reviewSchedule, type Contact } from './schedule.js';
import { arrangementReviews } from './schema.js';
import { settingsOf } from './service.js';
import { isStaff } from '../platform/permissions/staff.js';

const KIND_NAMES = { visit: 'Visit', review: 'Arrangement review' } as const;

/**
 * Reviews' part of "What is due": each live arrangement's next visit and next review, from the
 * scheme's schedule, when overdue or due in 30 days. Staff see their scheme's; a carer their own.
 */
export function reviewsDue(db: Database): DueProvider {
  return (actor, today, worker) => db.inScope(actor, async (tx) => {
    const settings = await settingsOf(tx);
    const counts = or(eq(arrangementReviews.kind, 'visit'), isNotNull(arrangementReviews.completedAt));
    const rows = await tx.select({
      id: arrangements.id, startsOn: arrangements.startsOn, workerUserId: arrangements.workerUserId, personName: people.name,
      carerName,
      lastContact: max(arrangementReviews.heldOn),
      lastReview: sql<string | null>`max(${arrangementReviews.heldOn}) filter (where ${arrangementReviews.kind} = 'review')`,
    }).from(arrangements)
      .innerJoin(people, eq(people.id, arrangements.personId))
      .leftJoin(carers, withCarer)
      .leftJoin(arrangementReviews, and(eq(arrangementReviews.arrangementId, arrangements.id), counts))
      .where(and(visibleArrangements(actor), ne(arrangements.status, 'ended'), workerIs(worker)))
      .groupBy(arrangements.id, people.name, carers.name);
    const staff = isStaff(actor);
    return rows.flatMap((a) => {
      const contacts: Contact[] = [
        ...(a.lastContact ? [{ kind: 'visit' as const, on: a.lastContact }] : []),
        ...(a.lastReview ? [{ kind: 'review' as const, on: a.lastReview }] : []),
      ];
      const schedule = reviewSchedule(settings, a.startsOn, contacts, today);
      return [schedule.visit, schedule.review].flatMap((d): DueItem[] => (!d || d.status === 'ok' ? [] : [{
        kind: `arrangement_${d.kind}`,
        kindName: KIND_NAMES[d.kind],
        title: d.kind === 'visit' ? 'Monthly visit' : 'Review of the arrangement',
        who: a.carerName ? `${a.personName} with ${a.carerName}` : a.personName,
        whoHref: `/arrangements/${a.id}`,
        workerUserId: a.workerUserId,
        dueOn: d.dueOn,
        status: d.status,
        action: staff
          ? { text: d.kind === 'visit' ? 'Record visit' : 'Plan or complete review', href: `/arrangements/${a.id}/reviews` }
          : { text: 'See reviews', href: `/arrangements/${a.id}/reviews` },
      }]));
    });
  });
}
