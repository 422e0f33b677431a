import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../platform/db/database.js';
import { forbidden, notFound } from '../platform/errors/errors.js';
import type { Actor } from '../platform/http/types.js';
import { circleConsents, circleMembers, people } from './schema.js';
import type { ConsentArea } from './words.js';
import { isStaff } from '../platform/permissions/staff.js';
import { prepared } from '../platform/db/prepared.js';

/**
 * How someone is related to a person's record, and so what of it they may see:
 * staff and the person see all of it; someone in the circle of support sees what the person
 * consented to share with them. Carers see no one's record until matching and arrangements link them.
 */
export type Sight = { relation: 'staff' } | { relation: 'self' } | { relation: 'circle'; areas: ReadonlySet<ConsentArea> };

export const mayRead = (sight: Sight, area: ConsentArea | 'own') =>
  sight.relation !== 'circle' || (area !== 'own' && sight.areas.has(area));

/**
 * The actor's sight of one person's record. Staff asking for someone not in their scheme get 404;
 * anyone else asking for someone not theirs gets 403, whether or not that record exists.
 */
export async function sightOf(tx: Tx, actor: Actor, personId: string): Promise<Sight> {
  if (isStaff(actor)) {
    const [found] = await prepared(tx.select({ id: people.id }).from(people).where(eq(people.id, personId)));
    if (!found) throw notFound();
    return { relation: 'staff' };
  }
  if (actor.role === 'person' && actor.userId) {
    const [own] = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.id, personId), eq(people.userId, actor.userId)));
    if (own) return { relation: 'self' };
  }
  if (actor.role === 'circle_member' && actor.userId) {
    const consents = await tx
      .select({ area: circleConsents.area })
      .from(circleConsents)
      .innerJoin(circleMembers, eq(circleMembers.id, circleConsents.circleMemberId))
      .where(
        and(
          eq(circleMembers.personId, personId),
          eq(circleMembers.userId, actor.userId),
          isNull(circleMembers.endedAt),
          isNull(circleConsents.withdrawnAt),
        ),
      );
    if (consents.length) return { relation: 'circle', areas: new Set(consents.map((c) => c.area)) };
  }
  throw forbidden();
}
